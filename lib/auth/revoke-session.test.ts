import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { claimsFromToken, customerForSession, operatorForSession } from "@/lib/next/actor";
import { makeCustomer, makeTenant, TEST_PASSWORD } from "@/lib/testing/factories";
import { authOptions } from "./auth-options";
import { authenticateCustomer, authenticateOperator } from "./authenticate";
import { decodeSessionJwt, encodeSessionJwt } from "./session-jwt";
import { SESSION_MAX_AGE_S } from "./session-lifetime";

const secret = "test-secret-for-sign-out";

/** What next-auth does at sign-in: the jwt callback with the user, then the cookie. */
async function signIn(user: unknown): Promise<string> {
  const jwt = authOptions.callbacks!.jwt!;
  const token = await jwt({ token: {} as JWT, user: user as never, account: null, trigger: "signIn" });
  return encodeSessionJwt({ token, secret, maxAge: SESSION_MAX_AGE_S });
}
const claims = async (cookie: string) => claimsFromToken(await decodeSessionJwt({ token: cookie, secret }));
/** What next-auth's sign-out does with the cookie it is given. */
const signOut = async (cookie: string) => authOptions.events!.signOut!({ token: (await decodeSessionJwt({ token: cookie, secret }))!, session: null as never });

describe("signing out ends the session on the server", () => {
  it("an operator's old cookie, and any re-issued copy of it, is refused after sign-out; another device's session lives on", async () => {
    const t = await makeTenant();
    const identity = await authenticateOperator(t.email, TEST_PASSWORD, null);
    const laptop = await signIn(identity!);
    const phone = await signIn(identity!);
    // next-auth re-issues the cookie (same claims, new expiry) when the session is read.
    const reissued = await encodeSessionJwt({ token: (await decodeSessionJwt({ token: laptop, secret }))!, secret });
    expect(await operatorForSession((await claims(laptop))!)).toMatchObject({ id: t.owner.id });

    await signOut(laptop);
    expect(await operatorForSession((await claims(laptop))!)).toBeNull();
    expect(await operatorForSession((await claims(reissued))!)).toBeNull();
    expect(await operatorForSession((await claims(phone))!)).toMatchObject({ id: t.owner.id });
  });

  it("a portal customer's old cookie is refused after sign-out", async () => {
    const t = await makeTenant();
    await makeCustomer(t.owner, { username: "signout-me", password: "portal-pass-1" });
    const identity = await authenticateCustomer(t.slug, "signout-me", "portal-pass-1", null);
    const cookie = await signIn(identity!);
    expect(await customerForSession((await claims(cookie))!)).toMatchObject({ slug: t.slug });
    await signOut(cookie);
    expect(await customerForSession((await claims(cookie))!)).toBeNull();
  });

  it("a session ends 12 hours after sign-in however often it was re-issued; a token without a session id is no session", async () => {
    const t = await makeTenant();
    const identity = await authenticateOperator(t.email, TEST_PASSWORD, null);
    const token = (await decodeSessionJwt({ token: await signIn(identity!), secret }))!;
    expect(claimsFromToken(token, Date.now() + (SESSION_MAX_AGE_S - 60) * 1000)).not.toBeNull();
    expect(claimsFromToken(token, Date.now() + (SESSION_MAX_AGE_S + 60) * 1000)).toBeNull();
    expect(claimsFromToken({ ...token, sid: undefined })).toBeNull();
    expect(claimsFromToken({ ...token, sid: "not-a-uuid" })).toBeNull();
    expect(claimsFromToken(null)).toBeNull();
    // Signing out with a garbage or foreign token is harmless.
    await expect(authOptions.events!.signOut!({ token: { sid: "x" } as unknown as JWT, session: null as never })).resolves.toBeUndefined();
  });
});
