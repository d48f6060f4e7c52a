import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig, TenantDatabase, UnauthorizedError } from '@ringlypro/core';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Client } from '../entities/client.entity';
import { User } from '../entities/user.entity';
import type { AuthUser, JwtClaims } from './auth-user';

/**
 * Verifies the bearer token, then checks the database: a deleted or deactivated user, or one who no
 * longer owns the token's client, is refused even while the token has not expired.
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
      const owns = user ? await manager.exists(Client, { where: { id: claims.cid, user_id: user.id } }) : false;
      return user && user.active && owns ? user : null;
    });
    if (!current) throw new UnauthorizedError('This session is no longer valid; log in again');
    return { user_id: current.id, client_id: claims.cid, role: current.role };
  }
}
