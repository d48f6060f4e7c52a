/** The 403 message for a business whose account was deactivated (clients.active = false). */
export const DEACTIVATED_CLIENT = 'This business account is deactivated; contact support to reactivate it';
