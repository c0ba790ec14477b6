// The billing jobs' work against PostgreSQL: an invoice past due + grace locks its customer (the
// RADIUS group moves to captive), a payment unlocks at once and the sweep finds nothing more;
// deactivation after the tenant's days; reminders once per invoice; prepaid daily charges across
// a month end, locked when the credit will not pay for tomorrow and unlocked by a top-up.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { reconcileLedger } from "@/lib/ledger";
import { captiveGroup, packageGroup } from "@/lib/radius/groups";
import { makeCustomer, makePackage, makeTenant, uniq } from "@/lib/testing/factories";
import { runBillRun } from "../bill-run/run-bill-run";
import { fromLocal } from "../calc/local-time";
import { LOCK_REASON } from "../locks";
import { recordPayment } from "../payments/payment-services";
import { DAILY_LOCK_REASON } from "./daily-locks";
import { runDailyCharges } from "./daily-charges";
import { enforceLocks } from "./enforce-locks";
import { CUSTOMER_EXPIRING, INVOICE_DUE_SOON, INVOICE_OVERDUE, sendReminders } from "./reminders";

const TZ = "America/St_Johns";
const at = (y: number, m: number, d: number, h = 0) => fromLocal({ year: y, month: m, day: d, hour: h }, TZ);

async function shop(mode: "MONTHLY_ADVANCE" | "PREPAID_DAILY" | "PREPAID_VALIDITY", extra: { deactivateAfterDays?: number } = {}) {
  const t = await makeTenant();
  await withSystem("test: tenant zone", (tx) => tx.tenant.update({ where: { id: t.tenantId }, data: { timezone: TZ } }));
  await withTenant(t.tenantId, (tx) =>
    tx.billingSettings.update({ where: { tenantId: t.tenantId }, data: { defaultMode: mode, billingDay: 1, dueDays: 7, graceDays: 3, deactivateAfterDays: extra.deactivateAfterDays ?? null } }),
  );
  const pkg = await makePackage(t.owner, { price: "3100" });
  return { t, tenantId: t.tenantId, owner: t.owner, pkg };
}

const customerRow = (tenantId: string, id: string) => withTenant(tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id } }));
const groupOf = (tenantId: string, username: string) => withTenant(tenantId, async (tx) => (await tx.radUserGroup.findMany({ where: { tenantId, username } })).map((g) => g.groupname));
const books = (tenantId: string) => withTenant(tenantId, (tx) => reconcileLedger(tx, tenantId));

describe("billing.enforce-locks", () => {
  it("locks past due + grace (RADIUS group to captive), a payment unlocks, deactivation after the tenant's days", async () => {
    const s = await shop("MONTHLY_ADVANCE", { deactivateAfterDays: 10 });
    const c = (await makeCustomer(s.owner, { skipOpeningCharge: true, username: uniq("owes"), packageId: s.pkg.id }))!;
    const other = (await makeCustomer(s.owner, { skipOpeningCharge: true, username: uniq("owes"), packageId: s.pkg.id }))!;
    await withTenant(s.tenantId, (tx) =>
      tx.customerBilling.createMany({
        data: [c.id, other.id].map((customerId) => ({ customerId, tenantId: s.tenantId, periodStart: at(2027, 2, 1), periodEnd: at(2027, 3, 1) })),
      }),
    );
    await runBillRun(s.tenantId, undefined, { now: at(2027, 3, 1, 1) });
    // Due: 9 March 00:00 local (7 days, exclusive); grace 3 days: the lock from 12 March 00:00.
    expect(await enforceLocks(s.tenantId, at(2027, 3, 11, 23))).toEqual({ locked: 0, unlocked: 0, deactivated: 0 });
    expect(await enforceLocks(s.tenantId, at(2027, 3, 12, 0))).toMatchObject({ locked: 2 });
    expect(await customerRow(s.tenantId, c.id)).toMatchObject({ lockReason: LOCK_REASON, status: "ACTIVE" });
    expect(await groupOf(s.tenantId, c.username)).toEqual([captiveGroup(s.tenantId)]);
    expect(await enforceLocks(s.tenantId, at(2027, 3, 12, 1))).toMatchObject({ locked: 0 });

    await recordPayment(s.owner, { customerId: c.id, method: "CASH", amount: "3100", idempotencyKey: randomUUID() });
    expect((await customerRow(s.tenantId, c.id)).lockedAt).toBeNull();
    expect(await groupOf(s.tenantId, c.username)).toEqual([packageGroup(s.pkg.id)]);

    // The other is still locked ten local days later: deactivated (audited), the paid one untouched.
    const later = await enforceLocks(s.tenantId, at(2027, 3, 22, 1));
    expect(later).toMatchObject({ deactivated: 1 });
    expect(await customerRow(s.tenantId, other.id)).toMatchObject({ status: "DISABLED" });
    expect(await customerRow(s.tenantId, c.id)).toMatchObject({ status: "ACTIVE", lockedAt: null });
    const audit = await withTenant(s.tenantId, (tx) => tx.auditLog.findFirst({ where: { targetId: other.id, action: "customer.deactivate" } }));
    expect(audit).not.toBeNull();
    expect((await books(s.tenantId)).ok).toBe(true);
  });

  it("unlocks a customer whose debt was cleared by another path on the next sweep", async () => {
    const s = await shop("MONTHLY_ADVANCE");
    const c = (await makeCustomer(s.owner, { skipOpeningCharge: true, packageId: s.pkg.id }))!;
    await withTenant(s.tenantId, (tx) => tx.customerBilling.create({ data: { customerId: c.id, tenantId: s.tenantId, periodStart: at(2027, 2, 1), periodEnd: at(2027, 3, 1) } }));
    await runBillRun(s.tenantId, undefined, { now: at(2027, 3, 1, 1) });
    await enforceLocks(s.tenantId, at(2027, 3, 13));
    // Voided behind the sweep's back (no reviewBillingLock): the sweep lifts the lock.
    await withTenant(s.tenantId, (tx) => tx.$executeRaw`UPDATE invoices SET status = 'VOID', voided_at = now(), void_reason = 'test' WHERE customer_id = ${c.id}::uuid`);
    expect(await enforceLocks(s.tenantId, at(2027, 3, 13, 1))).toMatchObject({ unlocked: 1 });
    expect((await customerRow(s.tenantId, c.id)).lockedAt).toBeNull();
  });
});

describe("billing.reminders", () => {
  it("emits due-soon, overdue and expiring events once each", async () => {
    const s = await shop("MONTHLY_ADVANCE");
    const c = (await makeCustomer(s.owner, { skipOpeningCharge: true, packageId: s.pkg.id }))!;
    await withTenant(s.tenantId, (tx) => tx.customerBilling.create({ data: { customerId: c.id, tenantId: s.tenantId, periodStart: at(2027, 2, 1), periodEnd: at(2027, 3, 1) } }));
    await runBillRun(s.tenantId, undefined, { now: at(2027, 3, 1, 1) });
    const prepaidPkg = await makePackage(s.owner, { price: "500" });
    await withTenant(s.tenantId, (tx) => tx.package.update({ where: { id: prepaidPkg.id }, data: { billingMode: "PREPAID_VALIDITY" } }));
    const p = (await makeCustomer(s.owner, { skipOpeningCharge: true, packageId: prepaidPkg.id }))!;
    await withTenant(s.tenantId, (tx) => tx.customer.update({ where: { id: p.id }, data: { expiresAt: at(2027, 3, 8, 12) } }));

    const events = (name: string) => withTenant(s.tenantId, (tx) => tx.outboxEvent.findMany({ where: { tenantId: s.tenantId, name } }));
    await sendReminders(at(2027, 3, 6, 9), [s.tenantId]);
    await sendReminders(at(2027, 3, 7, 9), [s.tenantId]);
    expect(await events(INVOICE_DUE_SOON)).toHaveLength(1);
    expect(await events(CUSTOMER_EXPIRING)).toMatchObject([{ data: { customerId: p.id } }]);
    expect(await events(INVOICE_OVERDUE)).toHaveLength(0);
    await sendReminders(at(2027, 3, 9, 9), [s.tenantId]);
    await sendReminders(at(2027, 3, 10, 9), [s.tenantId]);
    expect(await events(INVOICE_OVERDUE)).toMatchObject([{ data: { customerId: c.id } }]);
  });
});

describe("billing.daily-charges", () => {
  it("charges once per local day across a month end, locks when tomorrow is not covered, a top-up unlocks", async () => {
    const s = await shop("PREPAID_DAILY");
    const c = (await makeCustomer(s.owner, { skipOpeningCharge: true, username: uniq("daily"), packageId: s.pkg.id }))!;
    // 3,100 a month: 100 a day in a 31-day month, 110.71 in a 28-day one.
    await recordPayment(s.owner, { customerId: c.id, method: "CASH", amount: "310.71", idempotencyKey: randomUUID() });
    expect(await runDailyCharges(s.tenantId, at(2027, 1, 30, 1))).toMatchObject({ charged: 1, locked: 0 });
    expect(await runDailyCharges(s.tenantId, at(2027, 1, 30, 5))).toMatchObject({ charged: 0 });
    expect(await runDailyCharges(s.tenantId, at(2027, 1, 31, 0))).toMatchObject({ charged: 1, locked: 0 });
    // 1 February: 110.71 paid from the last 110.71; nothing left for the 2nd: locked.
    expect(await runDailyCharges(s.tenantId, at(2027, 2, 1, 0))).toMatchObject({ charged: 1, locked: 1 });
    const invoices = await withTenant(s.tenantId, (tx) => tx.invoice.findMany({ where: { customerId: c.id }, orderBy: { issuedAt: "asc" } }));
    expect(invoices.map((i) => [i.source, i.status, i.totalMinor])).toEqual([
      ["DAILY", "PAID", 100_00n],
      ["DAILY", "PAID", 100_00n],
      ["DAILY", "PAID", 110_71n],
    ]);
    expect(await customerRow(s.tenantId, c.id)).toMatchObject({ lockReason: DAILY_LOCK_REASON });
    // The 2nd: still no money, no charge, still locked.
    expect(await runDailyCharges(s.tenantId, at(2027, 2, 2, 1))).toMatchObject({ charged: 0 });
    await recordPayment(s.owner, { customerId: c.id, method: "CASH", amount: "50", idempotencyKey: randomUUID() });
    expect((await customerRow(s.tenantId, c.id)).lockedAt).not.toBeNull();
    await recordPayment(s.owner, { customerId: c.id, method: "CASH", amount: "500", idempotencyKey: randomUUID() });
    // The payment unlocked (it pays for a day); the next pass charges the day.
    expect((await customerRow(s.tenantId, c.id)).lockedAt).toBeNull();
    expect(await runDailyCharges(s.tenantId, at(2027, 2, 2, 2))).toMatchObject({ charged: 1, locked: 0 });
    expect((await books(s.tenantId)).ok).toBe(true);
  });
});
