// A customer's package applies when it is created (expiry from the validity, an opening invoice),
// renewals extend from max(now, expiry) once per key however often they are submitted, and the
// money lands in the books balanced.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { reconcileLedger } from "@/lib/ledger";
import { extendValidity } from "../calc/validity";
import { fundWallet, makeCustomer, makeOperator, makePackage, makeTenant } from "@/lib/testing/factories";
import { renewCustomer } from "./renew-customer";

async function setup(zone = "Africa/Nairobi", mode?: "MONTHLY_ADVANCE", billingDay?: number) {
  const t = await makeTenant();
  await withTenant(t.tenantId, async (tx) => {
    await tx.tenant.update({ where: { id: t.tenantId }, data: { timezone: zone } });
    if (mode) await tx.billingSettings.update({ where: { tenantId: t.tenantId }, data: { defaultMode: mode, billingDay: billingDay ?? null } });
  });
  const pkg = await makePackage(t.owner, { price: "1500", validityValue: 30, validityUnit: "DAY", resellerVisible: true });
  return { t, pkg };
}
const get = (tenantId: string, id: string) => withTenant(tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id } }));
const invoicesOf = (tenantId: string, customerId: string) => withTenant(tenantId, (tx) => tx.invoice.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } }));

describe("a new customer on a package", () => {
  it("gets the package's validity and an issued activation invoice (not 'Expires: never' for free)", async () => {
    const { t, pkg } = await setup();
    const before = Date.now();
    const c = (await makeCustomer(t.owner, { packageId: pkg.id }))!;
    const row = await get(t.tenantId, c.id);
    const expected = extendValidity(new Date(before), 30, "DAY", "Africa/Nairobi").getTime();
    expect(row.expiresAt!.getTime()).toBeGreaterThanOrEqual(expected);
    expect(row.expiresAt!.getTime()).toBeLessThan(expected + 60_000);
    const [inv] = await invoicesOf(t.tenantId, c.id);
    expect(inv).toMatchObject({ source: "ACTIVATION", status: "ISSUED", totalMinor: 1500_00n });
    expect(inv!.number).toMatch(/^INV-\d{4}-00001$/);
  });

  it("monthly in advance on the 1st at UTC+05:45: the first invoice is prorated to the billing day", async () => {
    const { t, pkg } = await setup("Asia/Kathmandu", "MONTHLY_ADVANCE", 1);
    const c = (await makeCustomer(t.owner, { packageId: pkg.id }))!;
    const [inv] = await invoicesOf(t.tenantId, c.id);
    const billing = await withTenant(t.tenantId, (tx) => tx.customerBilling.findUniqueOrThrow({ where: { customerId: c.id } }));
    expect(inv!.periodKey).toMatch(/^\d{4}-\d{2}-01$/);
    expect(inv!.totalMinor).toBeGreaterThan(0n);
    expect(inv!.totalMinor).toBeLessThanOrEqual(1500_00n);
    expect(billing.periodEnd!.toISOString()).toMatch(/T18:15:00\.000Z$/); // local midnight at +05:45
    expect((await get(t.tenantId, c.id)).expiresAt).toBeNull();
  });

  it("complimentary: only owners and admins grant it; no invoice, no expiry", async () => {
    const { t, pkg } = await setup();
    const manager = await makeOperator(t.owner, "MANAGER");
    await expect(makeCustomer(manager.actor, { packageId: pkg.id, complimentary: true })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { complimentary: expect.any(Array) } });
    const c = (await makeCustomer(t.owner, { packageId: pkg.id, complimentary: true }))!;
    expect(await invoicesOf(t.tenantId, c.id)).toEqual([]);
    expect((await get(t.tenantId, c.id)).expiresAt).toBeNull();
  });

  it("resellers cannot type an expiry, on create or on edit", async () => {
    const { t, pkg } = await setup();
    const reseller = await makeOperator(t.owner, "RESELLER");
    await fundWallet(t.owner, reseller.id);
    await expect(makeCustomer(reseller.actor, { packageId: pkg.id, expiresAt: "2099-01-01" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { expiresAt: expect.any(Array) } });
    const c = (await makeCustomer(reseller.actor, { packageId: pkg.id }))!;
    const { updateCustomer } = await import("@/lib/customers/update-customer");
    await expect(updateCustomer(reseller.actor, { id: c.id, expiresAt: "2099-01-01" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { expiresAt: expect.any(Array) } });
    await updateCustomer(reseller.actor, { id: c.id, name: "Renamed Customer" });
  });
});

describe("renewal", () => {
  it("extends from the current expiry, charges the price and records the cash", async () => {
    const { t, pkg } = await setup();
    const c = (await makeCustomer(t.owner, { packageId: pkg.id }))!;
    const first = (await get(t.tenantId, c.id)).expiresAt!;
    const r = await renewCustomer(t.owner, { customerId: c.id, payWith: "CASH", idempotencyKey: randomUUID() });
    expect(r.customer.expiresAt!.getTime()).toBe(extendValidity(first, 30, "DAY", "Africa/Nairobi").getTime());
    // The cash paid the older activation invoice first (oldest first); the renewal invoice is open.
    const invoices = await invoicesOf(t.tenantId, c.id);
    expect(invoices.map((i) => [i.source, i.status])).toEqual([
      ["ACTIVATION", "PAID"],
      ["RENEWAL", "ISSUED"],
    ]);
    expect((await withTenant(t.tenantId, (tx) => reconcileLedger(tx, t.tenantId))).ok).toBe(true);
  });

  it("an expired customer is renewed from now, and back in service", async () => {
    const { t, pkg } = await setup();
    const c = (await makeCustomer(t.owner, { packageId: pkg.id, expiresAt: "2020-01-01" }))!;
    const before = Date.now();
    const r = await renewCustomer(t.owner, { customerId: c.id, payWith: "ON_ACCOUNT", idempotencyKey: randomUUID() });
    expect(r.payment).toBeNull();
    expect(r.customer.expiresAt!.getTime()).toBeGreaterThanOrEqual(extendValidity(new Date(before), 30, "DAY", "Africa/Nairobi").getTime());
    const group = await withTenant(t.tenantId, (tx) => tx.radUserGroup.findFirst({ where: { username: c.username } }));
    expect(group?.groupname).toContain(pkg.id);
  });

  it("one key, one renewal: ten concurrent submits extend once, invoice once, take the cash once", async () => {
    const { t, pkg } = await setup();
    const c = (await makeCustomer(t.owner, { packageId: pkg.id }))!;
    const first = (await get(t.tenantId, c.id)).expiresAt!;
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => renewCustomer(t.owner, { customerId: c.id, payWith: "CASH", idempotencyKey: key })));
    expect(results.filter((r) => !r.existed)).toHaveLength(1);
    // Every answer names the same receipt: the one payment taken.
    expect(new Set(results.map((r) => r.payment?.receiptNumber)).size).toBe(1);
    expect(results[0]!.payment?.receiptNumber).toMatch(/^RCT-/);
    expect((await get(t.tenantId, c.id)).expiresAt!.getTime()).toBe(extendValidity(first, 30, "DAY", "Africa/Nairobi").getTime());
    expect((await invoicesOf(t.tenantId, c.id)).filter((i) => i.source === "RENEWAL")).toHaveLength(1);
    expect(await withTenant(t.tenantId, (tx) => tx.payment.count({ where: { customerId: c.id } }))).toBe(1);
  });

  it("paying from credit needs the credit; monthly customers are not renewed", async () => {
    const { t, pkg } = await setup();
    const c = (await makeCustomer(t.owner, { packageId: pkg.id }))!;
    await expect(renewCustomer(t.owner, { customerId: c.id, payWith: "CREDIT", idempotencyKey: randomUUID() })).rejects.toMatchObject({ code: "VALIDATION" });
    const m = await setup("Africa/Nairobi", "MONTHLY_ADVANCE", 5);
    const mc = (await makeCustomer(m.t.owner, { packageId: m.pkg.id }))!;
    await expect(renewCustomer(m.t.owner, { customerId: mc.id, payWith: "CASH", idempotencyKey: randomUUID() })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
