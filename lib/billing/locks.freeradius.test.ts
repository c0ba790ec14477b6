// The seed-000 failure made impossible, end to end in real FreeRADIUS: a monthly customer whose
// invoice is past due and grace is locked by the lock sweep (the function the job runs) and gets
// the captive answer; the cash payment that clears the debt unlocks it in the same transaction,
// and its next login gets its package's rate again. A payment that leaves debt overdue does not.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { freeradiusInstalled } from "@/lib/radius/server/run-freeradius";
import { sharedTestFreeradius } from "@/lib/radius/testing/freeradius-fixture";
import { papAttributes, sendRadius, type RadiusAttribute } from "@/lib/radius/testing/radius-client";
import { makeCustomer, makePackage, makeRouter, makeTenant, uniq } from "@/lib/testing/factories";
import { billingContext } from "./billing-context";
import { createDraftInvoice, issueInvoice } from "./invoices/issue-invoice";
import { lockOverdueCustomer, overdueUnlockedCustomers } from "./locks";
import { recordPayment } from "./payments/payment-services";

async function overdueCustomer() {
  const t = await makeTenant();
  await withTenant(t.tenantId, (tx) => tx.billingSettings.update({ where: { tenantId: t.tenantId }, data: { defaultMode: "MONTHLY_ADVANCE", billingDay: 1, dueDays: 7, graceDays: 3 } }));
  const pkg = await makePackage(t.owner, { rateDown: "10M", rateUp: "2M", price: "2000" });
  const password = "owes-pw-1";
  const c = (await makeCustomer(t.owner, { username: uniq("owes"), password, packageId: pkg.id }))!;
  // Last month's invoice, issued 40 days ago: due after 7 days, grace 3 more, long past.
  const issued = await withTenant(t.tenantId, async (tx) => {
    const ctx = await billingContext(tx, t.tenantId);
    const draft = await createDraftInvoice(tx, ctx, { customerId: c.id, source: "BILL_RUN", lines: [{ kind: "PERIOD", description: "Last month", unitPriceMinor: 2000_00n }] });
    return issueInvoice(tx, ctx, draft.id, { at: new Date(Date.now() - 40 * 86_400_000) });
  });
  return { t, pkg, c, password, issued };
}

const sweep = (tenantId: string) =>
  withTenant(tenantId, async (tx) => {
    const ctx = await billingContext(tx, tenantId);
    const ids = await overdueUnlockedCustomers(tx, ctx, new Date(), 100);
    for (const id of ids) await lockOverdueCustomer(tx, ctx, id, null);
    return ids;
  });
const customer = (tenantId: string, id: string) => withTenant(tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id } }));

describe("locks for non-payment", () => {
  it("finds only customers past due + grace, and locks each once", async () => {
    const { t, c } = await overdueCustomer();
    const fresh = (await makeCustomer(t.owner, { username: uniq("fresh") }))!;
    expect(await sweep(t.tenantId)).toEqual([c.id]);
    expect(await sweep(t.tenantId)).toEqual([]);
    expect((await customer(t.tenantId, c.id)).lockedAt).not.toBeNull();
    expect((await customer(t.tenantId, fresh.id)).lockedAt).toBeNull();
  });

  it("a payment that leaves an overdue invoice open keeps the lock; the one that clears it lifts it", async () => {
    const { t, c, issued } = await overdueCustomer();
    await sweep(t.tenantId);
    // This month's activation invoice is the newer one: payments go oldest first, to the overdue one.
    await recordPayment(t.owner, { customerId: c.id, method: "CASH", amount: "1999.99", idempotencyKey: randomUUID() });
    expect((await customer(t.tenantId, c.id)).lockedAt).not.toBeNull();
    await recordPayment(t.owner, { customerId: c.id, method: "CASH", amount: "0.01", idempotencyKey: randomUUID() });
    expect((await customer(t.tenantId, c.id)).lockedAt).toBeNull();
    const inv = await withTenant(t.tenantId, (tx) => tx.invoice.findUniqueOrThrow({ where: { id: issued.id } }));
    expect(inv.status).toBe("PAID");
  });
});

describe.runIf(freeradiusInstalled() || process.env.CI)("locks for non-payment in real FreeRADIUS", () => {
  const server = sharedTestFreeradius();
  const auth = (attrs: RadiusAttribute[], router: { nasIp: string; secret: string }) =>
    sendRadius("Access-Request", [...attrs, ["NAS-IP-Address", router.nasIp]], { port: server().authPort, secret: router.secret, from: router.nasIp, timeoutMs: 700 });

  it("past grace: the captive answer; paid: the package's rate again", async () => {
    const { t, c, password } = await overdueCustomer();
    const router = await makeRouter(t.owner);
    expect((await auth(papAttributes(c.username, password), router))?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Rate-Limit": "2M/10M" });
    await sweep(t.tenantId);
    const locked = await auth(papAttributes(c.username, password), router);
    expect(locked?.code).toBe("Access-Accept");
    expect(locked?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Address-List": "suspended" });
    const started = Date.now();
    await recordPayment(t.owner, { customerId: c.id, method: "CASH", amount: "2000", idempotencyKey: randomUUID() });
    const back = await auth(papAttributes(c.username, password), router);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(back?.code).toBe("Access-Accept");
    expect(back?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Rate-Limit": "2M/10M" });
  });
});
