// A customer's own billing terms: a special price used by renewals, the complimentary grant kept
// to owners and admins, and a switch of mode that neither charges twice nor leaves a gap.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { makeCustomer, makePackage, makeTenant } from "@/lib/testing/factories";
import { renewCustomer } from "./renewals/renew-customer";
import { setCustomerBillingTerms } from "./terms-services";

async function setup() {
  const t = await makeTenant();
  const pkg = await makePackage(t.owner, { price: "1500", validityValue: 30, validityUnit: "DAY" });
  const c = (await makeCustomer(t.owner, { packageId: pkg.id }))!;
  return { t, pkg, c };
}

describe("customer billing terms", () => {
  it("a special price is what the next renewal charges", async () => {
    const { t, c } = await setup();
    await setCustomerBillingTerms(t.owner, { customerId: c.id, mode: "", billingDay: "", price: "999.50" });
    const r = await renewCustomer(t.owner, { customerId: c.id, payWith: "ON_ACCOUNT", idempotencyKey: randomUUID() });
    expect(r.invoice.totalMinor).toBe(999_50n);
  });

  it("switching a prepaid customer to monthly keeps its paid days: no expiry, the first period starts where they end", async () => {
    const { t, c } = await setup();
    const expiry = (await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: c.id } }))).expiresAt!;
    await setCustomerBillingTerms(t.owner, { customerId: c.id, mode: "MONTHLY_ADVANCE", billingDay: "", price: "" });
    const [customer, billing] = await withTenant(t.tenantId, (tx) => Promise.all([tx.customer.findUniqueOrThrow({ where: { id: c.id } }), tx.customerBilling.findUniqueOrThrow({ where: { customerId: c.id } })]));
    expect(customer.expiresAt).toBeNull();
    expect(billing.periodEnd!.getTime()).toBe(expiry.getTime());
  });

  it("refuses a bad price or billing day with the field named", async () => {
    const { t, c } = await setup();
    await expect(setCustomerBillingTerms(t.owner, { customerId: c.id, mode: "", billingDay: "", price: "12.345" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { price: expect.any(Array) } });
    await expect(setCustomerBillingTerms(t.owner, { customerId: c.id, mode: "", billingDay: 29, price: "" })).rejects.toThrow(/1 to 28/);
  });
});
