// The web doors against the built app (`next start`): client address, redirects after sign-in,
// malformed Origin and cookies, server-side sign-out, API caching.
import { expect, test } from "@playwright/test";
import { withSystem } from "@/lib/db";
import { signInOperator } from "../helpers";
import { uniq } from "../factories";

test.describe("the web doors", () => {
  test("the audit log records the socket's address, not the X-Forwarded-For a client sends", async ({ page }) => {
    await signInOperator(page, "admin@demo.isp");
    const res = await page.request.post("/api/customers", {
      headers: { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6" },
      data: { username: uniq("xff"), password: "xff-pass-1", name: "Forwarded For" },
    });
    expect(res.status()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const audit = await withSystem("e2e: audit ip", (tx) => tx.auditLog.findFirstOrThrow({ where: { targetId: id, action: "customer.create" } }));
    expect(audit.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  for (const payload of ["%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%0D%2Fevil.example", "%2F%09%5Cevil.example", "%2F.%2F%2Fevil.example"]) {
    test(`signing in with callbackUrl=${payload} stays on our origin`, async ({ page }) => {
      await page.goto(`/login?callbackUrl=${payload}`);
      await page.getByLabel("Email").fill("admin@demo.isp");
      await page.getByLabel("Password").fill("demo1234");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/admin$/);
      expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
    });
  }

  test("malformed Origin, callbackUrl and session cookies get a 4xx or count as signed out, never a 500", async ({ request }) => {
    for (const origin of ["http://[", "not an origin"]) {
      const action = await request.post("/login", { headers: { origin, "next-action": "0123456789abcdef", "content-type": "text/plain" }, data: "[]" });
      expect(action.status()).toBe(400);
    }
    const foreign = await request.post("/login", { headers: { origin: "https://evil.example", "next-action": "0123456789abcdef", "content-type": "text/plain" }, data: "[]" });
    expect(foreign.status()).toBe(403);

    for (const path of ["/api/auth/signin", "/api/auth/session", "/api/auth/csrf"]) {
      const bad = await request.get(`${path}?callbackUrl=http%3A%2F%2F%5B`, { maxRedirects: 0 });
      expect(bad.status(), path).toBe(400);
    }
    const evil = await request.get("/api/auth/signin?callbackUrl=https%3A%2F%2Fevil.example%2F", { maxRedirects: 0 });
    expect(evil.status()).toBeLessThan(500);
    expect(evil.headers()["set-cookie"] ?? "").not.toContain("evil.example");

    for (const cookie of ["next-auth.session-token=garbage", "next-auth.session-token=a.b.c.d.e", "next-auth.session-token=%E0%A4%A", "next-auth.callback-url=http%3A%2F%2F%5B"]) {
      const page = await request.get("/admin", { headers: { cookie }, maxRedirects: 0 });
      expect(page.status(), cookie).toBe(307);
      expect(page.headers().location).toContain("/login");
      const api = await request.get("/api/customers", { headers: { cookie } });
      expect(api.status(), cookie).toBe(401);
      for (const path of ["/api/auth/session", "/api/auth/csrf"]) {
        const res = await request.get(path, { headers: { cookie } });
        expect(res.status(), `${path} ${cookie}`).toBe(200);
      }
    }
  });

  test("after signing out, the old session cookie is refused", async ({ page, browser }) => {
    await signInOperator(page, "admin@demo.isp");
    const kept = await page.context().cookies();
    await page.goto("/logout");
    await expect(page).toHaveURL(/\/login/);
    const other = await browser.newContext();
    await other.addCookies(kept);
    const replay = await other.newPage();
    await replay.goto("/admin");
    await expect(replay).toHaveURL(/\/login\?callbackUrl=/);
    expect((await other.request.get("/api/customers")).status()).toBe(401);
    await other.close();
  });

  test("JSON answers are not cached; /api/inngest without Inngest is a clear 404", async ({ page }) => {
    await signInOperator(page, "admin@demo.isp");
    const list = await page.request.get("/api/customers?pageSize=10");
    expect(list.headers()["cache-control"]).toBe("no-store");
    const nul = await page.request.get("/api/customers?q=a%00b");
    expect(nul.status()).toBe(422);
    const inngest = await page.request.get("/api/inngest");
    expect(inngest.status()).toBe(404);
    expect(inngest.headers()["cache-control"]).toContain("no-store");
  });
});
