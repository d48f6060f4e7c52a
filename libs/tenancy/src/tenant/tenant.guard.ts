import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, NotFoundError, parseId } from '@ringlypro/core';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { ADMIN_ONLY, CROSS_TENANT, PUBLIC_ROUTE } from '../auth/route-access.decorators';

export interface TenantRequest extends Request {
  user?: AuthUser;
  /** The client whose data this request may touch; set here, used by TenantScopeInterceptor. */
  tenantClientId?: number;
}

/**
 * Decides which tenant a request acts for: the token's client. A `:client_id` in the path must be
 * that client — otherwise 404, so another tenant's existence is never confirmed — unless the user is
 * a platform admin, who acts for the client named in the path.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<TenantRequest>();
    const user = req.user!;
    if (this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets) && user.role !== 'admin') {
      throw new ForbiddenError('Only platform administrators may do this');
    }
    if (this.reflector.getAllAndOverride<boolean>(CROSS_TENANT, targets)) return true;
    const param: string | string[] | undefined = req.params?.client_id;
    const raw = Array.isArray(param) ? param[0] : param;
    if (raw === undefined) {
      req.tenantClientId = user.client_id;
      return true;
    }
    const requested = parseId(raw) ?? NaN;
    if (requested === user.client_id || (user.role === 'admin' && requested > 0)) {
      req.tenantClientId = requested;
      return true;
    }
    throw new NotFoundError('Client not found');
  }
}
