// next-auth's endpoints. next-auth checks a callbackUrl (query or cookie) with `new URL` and
// answers one it cannot parse as http(s) with a 500 "server configuration" error, on every call
// while the cookie stays: so a bad query value is a 400 here, and a bad cookie is dropped (and
// deleted in the browser) before next-auth reads it. Where it then redirects is decided by
// safeAuthRedirect (lib/auth/safe-callback.ts): our own origin only.
import NextAuth from "next-auth";
import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";

const nextAuth = NextAuth(authOptions);

/** next-auth's own test (core/lib/assert.js), which must not fail on what reaches it. */
function isHttpUrl(value: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

async function handler(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const base = req.nextUrl.origin;
  const callbackUrl = req.nextUrl.searchParams.get("callbackUrl");
  if (callbackUrl !== null && !isHttpUrl(callbackUrl, base)) {
    return NextResponse.json({ error: { code: "BAD_REQUEST", message: "callbackUrl must be a URL on this site." } }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const jar = await cookies();
  for (const c of jar.getAll()) {
    if (c.name.endsWith("next-auth.callback-url") && !isHttpUrl(c.value, base)) jar.delete(c.name);
  }
  return nextAuth(req, context);
}

export { handler as GET, handler as POST };
