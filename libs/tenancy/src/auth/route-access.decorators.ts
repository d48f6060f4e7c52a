import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiErrors } from '@ringlypro/core';

export const PUBLIC_ROUTE = 'ringlypro:public-route';
export const ADMIN_ONLY = 'ringlypro:admin-only';
export const CROSS_TENANT = 'ringlypro:cross-tenant';

/** No JWT needed: login, registration, health, and webhooks (which have their own signature guard). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Platform administrators only; anyone else gets 403. */
export const AdminOnly = () => applyDecorators(SetMetadata(ADMIN_ONLY, true), ApiErrors([403, 'Not a platform admin']));

/**
 * The handler works across tenants through a named TenantDatabase.platform() path, so it gets no
 * tenant transaction of its own (the two would nest).
 */
export const CrossTenant = () => SetMetadata(CROSS_TENANT, true);
