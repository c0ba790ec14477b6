// Where to go after sign-in: only a path on our own origin (no open redirects). Browsers drop
// tab, CR and LF from URLs and read `\` as `/`, so "/\t/evil.example" and "/\\evil.example" are
// "//evil.example" to them: a prefix check on the raw string is not enough. The value is parsed
// the way a browser parses it and its origin compared; anything odd falls back.

const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f\\]/;
const MAX_LENGTH = 2048;

/** The path (with query and fragment) of `value` when it is on `origin`; null otherwise. Never throws. */
export function sameOriginPath(value: unknown, origin: string): string | null {
  if (typeof value !== "string" || !value || value.length > MAX_LENGTH || CONTROL_OR_BACKSLASH.test(value)) return null;
  try {
    const base = new URL(origin);
    const url = new URL(value, base);
    const path = `${url.pathname}${url.search}${url.hash}`;
    // "/.//evil.example" normalizes to "//evil.example": protocol-relative once used as a path.
    return url.origin === base.origin && path.startsWith("/") && !path.startsWith("//") ? path : null;
  } catch {
    return null;
  }
}

const NOWHERE = "http://callback.invalid";

/** A relative path from the query string (`?callbackUrl=`), or `fallback`. */
export function safeCallbackUrl(value: unknown, fallback: string): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  return sameOriginPath(value, NOWHERE) ?? fallback;
}

/** next-auth's redirect callback: a URL on the app's own origin, or the app's root. */
export function safeAuthRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const path = sameOriginPath(url, baseUrl);
  return path ? `${new URL(baseUrl).origin}${path}` : baseUrl;
}
