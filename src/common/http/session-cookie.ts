/**
 * The session cookie's name: `__Host-` prefixed behind TLS (no Domain, Path /,
 * Secure), so no other host or path can set or shadow it. Read by the session
 * stack (auth/http-session.ts) and by the OpenAPI document that names it.
 */
export const SESSION_COOKIE = (secure: boolean): string => (secure ? '__Host-sid' : 'sid');
