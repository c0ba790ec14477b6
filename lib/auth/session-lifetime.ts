/** How long a session lasts from sign-in (the cookie, its re-issues, and any revocation record). */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;
