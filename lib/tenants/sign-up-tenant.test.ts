import { describe, expect, it } from "vitest";
import { MAX_SIGNUPS_PER_IP } from "@/lib/auth/rate-limit";
import { withSystem, withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { signUpTenant } from "@/lib/tenants/sign-up-tenant";
import { makeTenant, uniq } from "@/lib/testing/factories";
import { requestSignUp, SIGNUP_EMAIL_TAKEN } from "./request-sign-up";

const valid = () => ({
  name: "Skyline Net",
  slug: uniq("sky-"),
  country: "BD",
  currency: "BDT",
  timezone: "Asia/Dhaka",
  ownerName: "Rahim Uddin",
  email: `${uniq()}@skyline.test`,
  password: "long-enough-1",
});

describe("ISP signup", () => {
  it("creates the ISP, its owner and their audit entries together", async () => {
    const input = valid();
    const { tenantId, ownerId } = await signUpTenant(input, "192.0.2.7");
    const [tenant, owner, audit] = await withTenant(tenantId, (tx) =>
      Promise.all([tx.tenant.findUniqueOrThrow({ where: { id: tenantId } }), tx.operator.findUniqueOrThrow({ where: { id: ownerId } }), tx.auditLog.findMany()]),
    );
    expect(tenant).toMatchObject({ slug: input.slug, currency: "BDT", timezone: "Asia/Dhaka", country: "BD" });
    expect(owner).toMatchObject({ role: "OWNER", email: input.email, path: "/" });
    expect(owner.passwordHash).toMatch(/^\$argon2id\$/);
    expect(audit.map((a) => a.action).sort()).toEqual(["operator.create", "tenant.create"]);
    expect(audit.every((a) => a.ip === "192.0.2.7")).toBe(true);
  });

  it("names every bad field", async () => {
    const error = toAppError(
      await signUpTenant({ ...valid(), slug: "-Bad Slug", country: "XX", currency: "EUROS", timezone: "Mars/Olympus", email: "x", password: "1" }).catch((e) => e),
    );
    expect(error.status).toBe(422);
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["country", "currency", "email", "password", "slug", "timezone"]);
  });

  it("refuses a taken slug or email with a field error", async () => {
    const t = await makeTenant();
    const error = toAppError(await signUpTenant({ ...valid(), slug: t.slug, email: t.email }).catch((e) => e));
    expect(error.code).toBe("CONFLICT");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["email", "slug"]);
  });

  it("reserves slugs that would shadow our own routes", async () => {
    const error = toAppError(await signUpTenant({ ...valid(), slug: "admin" }).catch((e) => e));
    expect(error.fieldErrors?.slug).toBeDefined();
  });
});

const ip = () => uniq("client-");
const outcome = (p: Promise<unknown>) => p.then((v) => ({ ok: true, v }), (e: unknown) => ({ ok: false, e: toAppError(e).code }));

describe("the public sign-up door", () => {
  it("answers a taken email exactly like a free one, creates nothing for it and notes its owner", async () => {
    const existing = await makeTenant();
    const free = valid();
    const taken = { ...valid(), email: existing.email.toUpperCase() };
    const from = ip();
    expect(await outcome(requestSignUp(taken, from))).toEqual(await outcome(requestSignUp(free, from)));

    const slugs = await withSystem("test", (tx) => tx.tenant.findMany({ where: { slug: { in: [free.slug, taken.slug] } }, select: { slug: true } }));
    expect(slugs.map((t) => t.slug)).toEqual([free.slug]);
    const [audit, events] = await withTenant(existing.tenantId, (tx) =>
      Promise.all([tx.auditLog.findMany({ where: { action: "operator.signup_email_taken" } }), tx.outboxEvent.findMany({ where: { name: SIGNUP_EMAIL_TAKEN } })]),
    );
    expect(audit).toMatchObject([{ actorKind: "SYSTEM", targetId: existing.owner.id, ip: from }]);
    expect(events).toMatchObject([{ tenantId: existing.tenantId, data: { operatorId: existing.owner.id } }]);
  });

  it("still names a taken slug (portal addresses are public), but never the email beside it", async () => {
    const existing = await makeTenant();
    const error = toAppError(await requestSignUp({ ...valid(), slug: existing.slug, email: existing.email }, ip()).catch((e) => e));
    expect(error.code).toBe("CONFLICT");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["slug"]);
  });

  it(`allows ${MAX_SIGNUPS_PER_IP} attempts per IP an hour, then 429; another IP is not affected`, async () => {
    const existing = await makeTenant();
    const from = ip();
    for (let i = 0; i < MAX_SIGNUPS_PER_IP; i++) await requestSignUp({ ...valid(), email: existing.email }, from);
    expect(await outcome(requestSignUp(valid(), from))).toEqual({ ok: false, e: "RATE_LIMITED" });
    expect(await outcome(requestSignUp({ ...valid(), email: existing.email }, ip()))).toMatchObject({ ok: true });
  });
});
