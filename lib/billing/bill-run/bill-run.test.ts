// The monthly bill run against PostgreSQL: periods and amounts at UTC+05:45 and UTC-03:30 on a
// billing day and on a 31st anniversary, customers it must skip, a second run that adds nothing,
// a crash between batches that a rerun finishes with no duplicate and no gap, credit applied,
// a pending downgrade taking effect, and the books balanced after.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { reconcileLedger } from "@/lib/ledger";
import { makeCustomer, makePackage, makeTenant } from "@/lib/testing/factories";
import { fromLocal } from "../calc/local-time";
import { recordPayment } from "../payments/payment-services";
import { runBillRun } from "./run-bill-run";

type Shop = Awaited<ReturnType<typeof shop>>;

async function shop(timeZone: string, settings: { billingDay: number | null }) {
  const t = await makeTenant();
  await withSystem("test: tenant zone", (tx) => tx.tenant.update({ where: { id: t.tenantId }, data: { timezone: timeZone } }));
  await withTenant(t.tenantId, (tx) =>
    tx.billingSettings.update({ where: { tenantId: t.tenantId }, data: { defaultMode: "MONTHLY_ADVANCE", billingDay: settings.billingDay, dueDays: 7, graceDays: 3 } }),
  );
  const pkg = await makePackage(t.owner, { price: "1000" });
  return { t, tenantId: t.tenantId, owner: t.owner, pkg, timeZone };
}

const local = (s: Shop, y: number, m: number, d: number, h = 0, min = 0) => fromLocal({ year: y, month: m, day: d, hour: h, minute: min, second: 0 }, s.timeZone);

async function customer(s: Shop, billing: { periodStart?: Date; periodEnd?: Date; anchorAt?: Date; billingDay?: number; mode?: "PREPAID_VALIDITY" | "PREPAID_DAILY"; complimentary?: boolean; nextPackageId?: string } | null, extra: { status?: "PAUSED" | "SUSPENDED" | "DISABLED"; packageId?: string } = {}) {
  const c = (await makeCustomer(s.owner, { skipOpeningCharge: true, packageId: extra.packageId ?? s.pkg.id }))!;
  await withTenant(s.tenantId, async (tx) => {
    if (extra.status) await tx.customer.update({ where: { id: c.id }, data: { status: extra.status } });
    if (billing) await tx.customerBilling.create({ data: { customerId: c.id, tenantId: s.tenantId, ...billing } });
  });
  return c;
}

/** A shop billing on the 5th with `n` customers due on 5 March 2027, and that morning. */
async function dueOnThe5th(n: number) {
  const s = await shop("Asia/Kathmandu", { billingDay: 5 });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await customer(s, { periodStart: local(s, 2027, 2, 5), periodEnd: local(s, 2027, 3, 5) })).id);
  return { s, ids, now: local(s, 2027, 3, 5, 1) };
}

const invoicesOf = (s: Shop) =>
  withTenant(s.tenantId, (tx) => tx.invoice.findMany({ where: { tenantId: s.tenantId }, include: { lines: true }, orderBy: { number: "asc" } }));
const books = (s: Shop) => withTenant(s.tenantId, (tx) => reconcileLedger(tx, s.tenantId));
const billingRow = (s: Shop, customerId: string) => withTenant(s.tenantId, (tx) => tx.customerBilling.findUniqueOrThrow({ where: { customerId } }));

describe("monthly bill run", () => {
  it("bills the next period on the billing day at UTC+05:45, skips who it must, and a second run adds nothing", async () => {
    const s = await shop("Asia/Kathmandu", { billingDay: 5 });
    const due = await customer(s, { periodStart: local(s, 2027, 2, 5), periodEnd: local(s, 2027, 3, 5) });
    const notYet = await customer(s, { periodStart: local(s, 2027, 2, 6), periodEnd: local(s, 2027, 3, 6) });
    await customer(s, { periodStart: local(s, 2027, 2, 5), periodEnd: local(s, 2027, 3, 5) }, { status: "PAUSED" });
    await customer(s, { periodStart: local(s, 2027, 2, 5), periodEnd: local(s, 2027, 3, 5), complimentary: true });
    await customer(s, { mode: "PREPAID_VALIDITY", periodEnd: local(s, 2027, 3, 5) });
    await customer(s, { mode: "PREPAID_DAILY" });
    const noRow = await customer(s, null);
    const suspended = await customer(s, { periodStart: local(s, 2027, 2, 5), periodEnd: local(s, 2027, 3, 5) }, { status: "SUSPENDED" });

    const now = local(s, 2027, 3, 5, 0, 30);
    const first = await runBillRun(s.tenantId, undefined, { now });
    expect(first).toMatchObject({ customers: 3, invoices: 3 });
    const invoices = await invoicesOf(s);
    expect(invoices.map((i) => i.customerId).sort()).toEqual([due.id, noRow.id, suspended.id].sort());
    expect(invoices.map((i) => i.number)).toEqual(["INV-2027-00001", "INV-2027-00002", "INV-2027-00003"]);
    const full = invoices.find((i) => i.customerId === due.id)!;
    expect(full).toMatchObject({ status: "ISSUED", source: "BILL_RUN", periodKey: "2027-03-05", totalMinor: 1000_00n, issuedAt: now });
    expect(full.periodStart).toEqual(local(s, 2027, 3, 5));
    expect(full.periodEnd).toEqual(local(s, 2027, 4, 5));
    expect(full.dueAt).toEqual(local(s, 2027, 3, 13));
    expect(full.lines).toHaveLength(1);
    expect(full.lines[0]).toMatchObject({ kind: "PERIOD", totalMinor: 1000_00n, description: expect.stringContaining("2027-03-05 to 2027-04-04") });
    // No period yet: a row anchored now and the current period, from today (day 5 is the billing day: whole).
    const fresh = invoices.find((i) => i.customerId === noRow.id)!;
    expect(fresh).toMatchObject({ periodKey: "2027-03-05", totalMinor: 1000_00n });
    expect(await billingRow(s, noRow.id)).toMatchObject({ periodStart: now, periodEnd: local(s, 2027, 4, 5), anchorAt: now });
    expect(await billingRow(s, due.id)).toMatchObject({ periodStart: local(s, 2027, 3, 5), periodEnd: local(s, 2027, 4, 5) });
    expect(await billingRow(s, notYet.id)).toMatchObject({ periodEnd: local(s, 2027, 3, 6) });

    const again = await runBillRun(s.tenantId, undefined, { now });
    expect(again).toMatchObject({ customers: 0, invoices: 0 });
    // Even with the period pushed back by hand, the period's unique key keeps it to one invoice.
    await withTenant(s.tenantId, (tx) => tx.customerBilling.update({ where: { customerId: due.id }, data: { periodStart: local(s, 2027, 2, 5), periodEnd: local(s, 2027, 3, 5) } }));
    expect(await runBillRun(s.tenantId, undefined, { now })).toMatchObject({ customers: 1, invoices: 0 });
    expect(await invoicesOf(s)).toHaveLength(3);
    const ledger = await books(s);
    expect(ledger.ok).toBe(true);
  });

  it("prorates a customer with no period yet on a fixed billing day", async () => {
    const s = await shop("Asia/Kathmandu", { billingDay: 1 });
    const c = await customer(s, null);
    // 20 March local: 12 of the 31 days of [1 Mar, 1 Apr) remain, today counted whole.
    await runBillRun(s.tenantId, undefined, { now: local(s, 2027, 3, 20, 10) });
    const [inv] = await invoicesOf(s);
    expect(inv).toMatchObject({ customerId: c.id, periodKey: "2027-03-01", totalMinor: 387_10n });
    expect(inv!.lines[0]).toMatchObject({ kind: "PRORATION", description: expect.stringContaining("(12 of 31 days)") });
  });

  it("follows a 31st anniversary through short months at UTC-03:30", async () => {
    const s = await shop("America/St_Johns", { billingDay: null });
    const anchor = local(s, 2027, 1, 31, 14);
    const c = await customer(s, { anchorAt: anchor, periodStart: local(s, 2027, 1, 31), periodEnd: local(s, 2027, 2, 28) });
    await runBillRun(s.tenantId, undefined, { now: local(s, 2027, 2, 28, 0, 5) });
    expect(await billingRow(s, c.id)).toMatchObject({ periodStart: local(s, 2027, 2, 28), periodEnd: local(s, 2027, 3, 31) });
    await runBillRun(s.tenantId, undefined, { now: local(s, 2027, 3, 31, 1) });
    expect(await billingRow(s, c.id)).toMatchObject({ periodStart: local(s, 2027, 3, 31), periodEnd: local(s, 2027, 4, 30) });
    const invoices = await invoicesOf(s);
    expect(invoices.map((i) => i.periodKey)).toEqual(["2027-02-28", "2027-03-31"]);
    expect(invoices.every((i) => i.totalMinor === 1000_00n)).toBe(true);
    // A run late by a month catches up one period per pass, each billed once.
    await runBillRun(s.tenantId, undefined, { now: local(s, 2027, 6, 1) });
    expect((await invoicesOf(s)).map((i) => i.periodKey)).toEqual(["2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"]);
    expect((await books(s)).ok).toBe(true);
  });

  it("resumes after a crash between batches with no duplicate and no gap", async () => {
    const { s, ids, now } = await dueOnThe5th(7);
    await expect(
      runBillRun(s.tenantId, undefined, {
        now,
        batchSize: 2,
        concurrency: 1,
        afterBatch: (b) => {
          if (b === 1) throw new Error("worker died");
        },
      }),
    ).rejects.toThrow("worker died");
    expect(await invoicesOf(s)).toHaveLength(4);
    const rest = await runBillRun(s.tenantId, undefined, { now, batchSize: 2 });
    expect(rest).toMatchObject({ customers: 3, invoices: 3 });
    const invoices = await invoicesOf(s);
    expect(new Set(invoices.map((i) => i.customerId))).toEqual(new Set(ids));
    expect(invoices.map((i) => i.number)).toEqual(Array.from({ length: 7 }, (_, i) => `INV-2027-0000${i + 1}`));
    expect((await books(s)).ok).toBe(true);
  });

  it("bills ranges two at a time: a crash in one leaves no duplicate and no gap once rerun", async () => {
    const { s, ids, now } = await dueOnThe5th(9);
    await expect(
      runBillRun(s.tenantId, undefined, {
        now,
        batchSize: 2,
        concurrency: 2,
        afterBatch: (b) => {
          if (b === 1) throw new Error("worker died");
        },
      }),
    ).rejects.toThrow("worker died");
    // Whatever committed before the crash (two ranges, perhaps a third already under way) stays, numbered 1..n.
    const before = await invoicesOf(s);
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(before.map((i) => i.number)).toEqual(before.map((_, i) => `INV-2027-0000${i + 1}`));
    const rest = await runBillRun(s.tenantId, undefined, { now, batchSize: 2, concurrency: 2 });
    expect(rest.invoices).toBe(9 - before.length);
    const invoices = await invoicesOf(s);
    expect(invoices.map((i) => i.customerId).sort()).toEqual([...ids].sort());
    expect(invoices.map((i) => i.number)).toEqual(Array.from({ length: 9 }, (_, i) => `INV-2027-0000${i + 1}`));
    expect((await books(s)).ok).toBe(true);
  });

  it("applies the customer's credit to the new invoice and switches a pending downgrade at the period start", async () => {
    const s = await shop("Asia/Kathmandu", { billingDay: 5 });
    const small = await makePackage(s.owner, { price: "400" });
    const payer = await customer(s, { periodStart: local(s, 2027, 2, 5), periodEnd: local(s, 2027, 3, 5) });
    await recordPayment(s.owner, { customerId: payer.id, method: "CASH", amount: "1500", idempotencyKey: randomUUID() });
    const downgrade = await customer(s, { periodStart: local(s, 2027, 2, 5), periodEnd: local(s, 2027, 3, 5), nextPackageId: small.id });
    const r = await runBillRun(s.tenantId, undefined, { now: local(s, 2027, 3, 5, 2) });
    expect(r).toMatchObject({ invoices: 2, packageChanges: 1 });
    const invoices = await invoicesOf(s);
    expect(invoices.find((i) => i.customerId === payer.id)).toMatchObject({ status: "PAID", paidMinor: 1000_00n });
    expect(invoices.find((i) => i.customerId === downgrade.id)).toMatchObject({ status: "ISSUED", totalMinor: 400_00n, packageId: small.id });
    const after = await withTenant(s.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: downgrade.id } }));
    expect(after.packageId).toBe(small.id);
    expect((await billingRow(s, downgrade.id)).nextPackageId).toBeNull();
    const credit = await withTenant(s.tenantId, (tx) => tx.ledgerAccount.findFirstOrThrow({ where: { code: `customer_credit:${payer.id}` } }));
    expect(-credit.balanceMinor).toBe(500_00n);
    expect((await books(s)).ok).toBe(true);
  });
});
