import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const post = (headers: Record<string, string>) => proxy(new NextRequest("http://isp.test/admin", { method: "POST", headers: { host: "isp.test", ...headers } }));

describe("the proxy in front of server actions", () => {
  it("answers a malformed Origin with 400 JSON, a foreign one on a server action with 403", async () => {
    for (const origin of ["http://[", "not an origin", "http://a b"]) {
      const res = post({ origin, "next-action": "abc" });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
    }
    expect(post({ origin: "https://evil.example", "next-action": "abc" }).status).toBe(403);
    expect(post({ origin: "null", "next-action": "abc" }).status).toBe(403);
  });

  it("lets our own pages, plain posts with a valid Origin and reads through", () => {
    const passes = (res: Response) => res.headers.get("x-middleware-next") === "1";
    expect(passes(post({ origin: "http://isp.test", "next-action": "abc" }))).toBe(true);
    expect(passes(post({ origin: "https://elsewhere.example" }))).toBe(true);
    expect(passes(proxy(new NextRequest("http://isp.test/admin", { headers: { origin: "http://[" } })))).toBe(true);
  });
});
