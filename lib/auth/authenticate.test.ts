import { describe, expect, it } from "vitest";
import { authenticateCustomer, authenticateOperator } from "@/lib/auth/authenticate";
import { MAX_FAILURES_PER_ACCOUNT } from "@/lib/auth/rate-limit";
import { updateOperator } from "@/lib/operators/update-operator";
import { updateCustomer } from "@/lib/customers/update-customer";
import { makeCustomer, makeOperator, makeTenant, TEST_PASSWORD } from "@/lib/testing/factories";

describe("operator login", () => {
  it("accepts the right password (email case-insensitive) and refuses a wrong one", async () => {
    const t = await makeTenant();
    const ok = await authenticateOperator(t.email.toUpperCase(), TEST_PASSWORD, "10.0.0.1");
    expect(ok).toMatchObject({ kind: "OPERATOR", tenantId: t.tenantId, role: "OWNER" });
    expect(await authenticateOperator(t.email, "wrong-password", "10.0.0.1")).toBeNull();
    expect(await authenticateOperator("nobody@example.test", TEST_PASSWORD, "10.0.0.1")).toBeNull();
  });

  it("throttles an account after repeated failures, even with the right password, across processes (DB-backed)", async () => {
    const t = await makeTenant();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect(await authenticateOperator(t.email, `wrong-${i}`, `10.1.0.${i}`)).toBeNull();
    }
    expect(await authenticateOperator(t.email, TEST_PASSWORD, "10.1.1.1")).toBe("THROTTLED");
  });

  it("refuses disabled operators", async () => {
    const t = await makeTenant();
    const r = await makeOperator(t.owner, "RESELLER");
    expect(await authenticateOperator(r.email, TEST_PASSWORD, null)).toMatchObject({ id: r.id });
    await updateOperator(t.owner, { id: r.id, name: r.name, billingMode: "PREPAID", status: "DISABLED" });
    expect(await authenticateOperator(r.email, TEST_PASSWORD, null)).toBeNull();
  });
});

describe("customer login", () => {
  it("resolves the ISP by slug: the same username in two ISPs are two accounts", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    await makeCustomer(a.owner, { username: "john", password: "john-in-a" });
    await makeCustomer(b.owner, { username: "john", password: "john-in-b" });
    expect(await authenticateCustomer(a.slug, "john", "john-in-a", null)).toMatchObject({ tenantId: a.tenantId });
    expect(await authenticateCustomer(b.slug, "john", "john-in-b", null)).toMatchObject({ tenantId: b.tenantId });
    expect(await authenticateCustomer(a.slug, "john", "john-in-b", null)).toBeNull();
    expect(await authenticateCustomer("no-such-isp", "john", "john-in-a", null)).toBeNull();
  });

  it("lets suspended customers in (to pay) but not disabled ones", async () => {
    const t = await makeTenant();
    const c = await makeCustomer(t.owner, { password: "cust-pass-1" });
    await updateCustomer(t.owner, { id: c.id, name: c.name, status: "SUSPENDED" });
    expect(await authenticateCustomer(t.slug, c.username, "cust-pass-1", null)).toMatchObject({ id: c.id });
    await updateCustomer(t.owner, { id: c.id, name: c.name, status: "DISABLED" });
    expect(await authenticateCustomer(t.slug, c.username, "cust-pass-1", null)).toBeNull();
  });
});

describe("credentials holding NUL", () => {
  it("match nothing instead of failing in the database", async () => {
    const t = await makeTenant();
    expect(await authenticateOperator(`${t.email}\u0000`, TEST_PASSWORD, "10.9.0.1")).toBeNull();
    expect(await authenticateOperator(t.email, `${TEST_PASSWORD}\u0000`, "10.9.0.1")).toBeNull();
    expect(await authenticateCustomer(`${t.slug}\u0000`, "john", TEST_PASSWORD, null)).toBeNull();
    expect(await authenticateCustomer(t.slug, "jo\u0000hn", TEST_PASSWORD, null)).toBeNull();
  });
});
