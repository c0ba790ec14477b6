// Runs before routing, only for requests that carry an Origin header (browsers send it on every
// POST, so on every server action). Next's server-action check does `new URL(origin)` unguarded:
// a malformed Origin was a plain-text 500, and a foreign one a 500 too. Answer those with a
// clear 400 / 403 here; the real CSRF check stays Next's (same host as Origin).
import { NextResponse, type NextRequest } from "next/server";

function refuse(status: 400 | 403, message: string): NextResponse {
  return NextResponse.json({ error: { code: status === 400 ? "BAD_REQUEST" : "FORBIDDEN", message } }, { status, headers: { "Cache-Control": "no-store" } });
}

export function proxy(request: NextRequest): NextResponse {
  const origin = request.headers.get("origin");
  // "null" is what browsers send from opaque origins; Next treats it as a foreign origin.
  if (origin === null || request.method === "GET" || request.method === "HEAD") return NextResponse.next();
  let originHost: string | null = null;
  if (origin !== "null") {
    try {
      originHost = new URL(origin).host;
    } catch {
      return refuse(400, "The Origin header is not a valid origin.");
    }
  }
  // Server actions (the next-action header) must come from our own pages. Next compares with
  // x-forwarded-host, else host, the same way.
  if (request.headers.has("next-action")) {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    if (!originHost || originHost !== host) return refuse(403, "This form was sent from another site.");
  }
  return NextResponse.next();
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)", has: [{ type: "header", key: "origin" }] }],
};
