import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { TenantDatabase } from '@ringlypro/core';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { TenantRequest } from './tenant.guard';

/**
 * Runs the handler of every tenant request inside one tenant transaction: as the row-level-security
 * role, with app.client_id set, and with the tenant on AsyncLocalStorage for TenantRepository. A
 * handler that fails rolls back everything it wrote.
 */
@Injectable()
export class TenantScopeInterceptor implements NestInterceptor {
  constructor(private readonly db: TenantDatabase) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const clientId = context.switchToHttp().getRequest<TenantRequest>().tenantClientId;
    if (clientId === undefined) return next.handle();
    return from(this.db.run(clientId, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}
