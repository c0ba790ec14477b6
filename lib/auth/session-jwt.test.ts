import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionJwt, encodeSessionJwt } from "./session-jwt";

const secret = "test-secret-for-session-jwt";
const token = { sub: "op-1", tenantId: "t-1", kind: "OPERATOR" as const, sv: 3 };

describe("session JWT with a cached derived key", () => {
  it("reads cookies next-auth issued and issues cookies next-auth reads", async () => {
    const fromNextAuth = await encode({ token, secret });
    expect(await decodeSessionJwt({ token: fromNextAuth, secret })).toMatchObject(token);
    const ours = await encodeSessionJwt({ token, secret, maxAge: 60 });
    const back = await decode({ token: ours, secret });
    expect(back).toMatchObject(token);
    expect((back!.exp as number) - (back!.iat as number)).toBe(60);
  });

  it("refuses a token under another secret, a tampered token and an expired one", async () => {
    const ours = await encodeSessionJwt({ token, secret });
    await expect(decodeSessionJwt({ token: ours, secret: "another-secret" })).rejects.toThrow();
    const tampered = ours.slice(0, -4) + (ours.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(decodeSessionJwt({ token: tampered, secret })).rejects.toThrow();
    const expired = await encodeSessionJwt({ token, secret, maxAge: -60 });
    await expect(decodeSessionJwt({ token: expired, secret })).rejects.toThrow();
    expect(await decodeSessionJwt({ token: undefined, secret })).toBeNull();
  });
});
