import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ForbiddenError, UnauthorizedError } from '@ringlypro/core';
import type { AuthUser } from '@ringlypro/tenancy';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { BillingSettings } from '../billing-settings';

const JwtGuard = AuthGuard('jwt');

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * For routes internal services call as well as platform admins: an X-Internal-Token equal to
 * BILLING_INTERNAL_TOKEN, or the bearer token of a platform admin. The route is @Public so the global
 * JWT guard lets a token-only caller through; this guard then checks one or the other.
 */
@Injectable()
export class InternalOrAdminGuard implements CanActivate {
  private readonly jwt = new JwtGuard();

  constructor(private readonly settings: BillingSettings) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = req.headers['x-internal-token'];
    if (token !== undefined) {
      if (typeof token === 'string' && this.settings.internalToken && sameSecret(token, this.settings.internalToken)) return true;
      throw new UnauthorizedError('The internal token is not valid');
    }
    try {
      await this.jwt.canActivate(context);
    } catch {
      throw new UnauthorizedError('A platform admin bearer token or an internal token is required');
    }
    if (req.user?.role !== 'admin') throw new ForbiddenError('Only platform administrators and internal services may record usage');
    return true;
  }
}
