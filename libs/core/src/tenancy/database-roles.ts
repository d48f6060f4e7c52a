/**
 * The two roles every query runs as (see migrations/1764000000001-tenancy.ts):
 *  - TENANT: row-level security limits it to the rows of `app.client_id`, set per transaction;
 *  - PLATFORM: the few named cross-tenant paths (number lookup for webhooks, registration, admin
 *    listing, scheduled resets, demo data).
 * Neither owns a table, is a superuser, or has BYPASSRLS; the login role only switches into them
 * with SET LOCAL ROLE, which ends with the transaction and so never leaks across pooled connections.
 */
export const TENANT_ROLE = 'ringlypro_app';
export const PLATFORM_ROLE = 'ringlypro_platform';
