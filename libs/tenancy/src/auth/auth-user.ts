export const USER_ROLES = ['owner', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** What a verified token says about its bearer; put on the request by the JWT strategy. */
export interface AuthUser {
  user_id: number;
  client_id: number;
  role: UserRole;
}

/** The signed JWT body: standard `sub` plus the tenant and role. */
export interface JwtClaims {
  sub: number;
  cid: number;
  role: UserRole;
}
