import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { signUpTenant } from "@/lib/tenants/sign-up-tenant";
import { makeTenant, uniq } from "@/lib/testing/factories";

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
