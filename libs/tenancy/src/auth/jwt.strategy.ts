import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig, ForbiddenError, TenantDatabase, UnauthorizedError } from '@ringlypro/core';
import { DEACTIVATED_CLIENT } from './deactivated-client';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Client } from '../entities/client.entity';
import { User } from '../entities/user.entity';
import type { AuthUser, JwtClaims } from './auth-user';

/**
 * Verifies the bearer token, then checks the database: a deleted or deactivated user, or one who no
 * longer owns the token's client, is refused even while the token has not expired (401); a
 * deactivated business (clients.active = false) gets 403 saying so.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: TenantDatabase,
  ) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.jwt.secret, algorithms: ['HS256'], ignoreExpiration: false });
  }

  async validate(claims: JwtClaims): Promise<AuthUser> {
    if (!Number.isSafeInteger(claims?.sub) || !Number.isSafeInteger(claims?.cid)) throw new UnauthorizedError('Invalid token');
    const current = await this.db.platform('token-validation', async (manager) => {
      const user = await manager.findOne(User, { where: { id: claims.sub } });
      const client = user ? await manager.findOne(Client, { where: { id: claims.cid, user_id: user.id }, select: { id: true, active: true } }) : null;
      return user && user.active && client ? { user, clientActive: client.active } : null;
    });
    if (!current) throw new UnauthorizedError('This session is no longer valid; log in again');
    if (!current.clientActive) throw new ForbiddenError(DEACTIVATED_CLIENT);
    return { user_id: current.user.id, client_id: claims.cid, role: current.user.role };
  }
}
