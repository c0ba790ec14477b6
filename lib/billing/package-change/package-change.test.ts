// Package changes against PostgreSQL at fixed instants: upgrades prorated by local day (Kathmandu,
// UTC+05:45; 31- and 28-day months), downgrades and "next period" upgrades scheduled, hotspot
// extend vs replace, the refund policy, and the books balanced after each.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withTenant, type Tx } from "@/lib/db";
import { reconcileLedger } from "@/lib/ledger";
import { startOfLocalDay } from "../calc/cycle";
import { billingContext } from "../billing-context";
import { renewTx } from "../renewals/renew";
import { applyScheduledPackageTx } from "./apply-scheduled-package";
import { changePackageTx, type ChangePackageTxInput } from "./change-package";
import { changePackage, previewPackageChange } from "./package-change-services";
import { planPackageChangeTx } from "./plan-package-change";
import { changeShop, setMonthlyPeriod, type ChangeShopOptions } from "./package-change-fixtures";

type Shop = Awaited<ReturnType<typeof changeShop>>;

const books = (tenantId: string) => withTenant(tenantId, (tx) => reconcileLedger(tx, tenantId));
const balance = (tenantId: string, code: string) => withTenant(tenantId, async (tx) => (await tx.ledgerAccount.findFirst({ where: { code } }))?.balanceMinor ?? 0n);
/** 10:00 local on a local date. */
const localMorning = (date: string, tz: string) => new Date(startOfLocalDay(date, tz).getTime() + 10 * 3_600_000);

function apply(s: Shop, now: Date, extra: Partial<ChangePackageTxInput> = {}) {
  return withTenant(s.tenantId, async (tx) => {
    const ctx = await billingContext(tx, s.tenantId);
    return changePackageTx(tx, ctx, {
      customerId: s.customerId,
      packageId: s.newPkg.id,
      key: randomUUID(),
      actor: s.owner,
      operatorId: s.owner.id,
      loadPackage: (t: Tx, id: string) => t.package.findUniqueOrThrow({ where: { id } }),
      now,
      ...extra,
    });
  });
}

function preview(s: Shop, now: Date) {
  return withTenant(s.tenantId, async (tx) => {
    const ctx = await billingContext(tx, s.tenantId);
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: s.customerId } });
    const [oldPkg, newPkg] = await Promise.all([tx.package.findUniqueOrThrow({ where: { id: s.oldPkg.id } }), tx.package.findUniqueOrThrow({ where: { id: s.newPkg.id } })]);
    return planPackageChangeTx(tx, ctx, { customer, oldPkg, newPkg, now });
  });
}

const state = (s: Shop) =>
  withTenant(s.tenantId, async (tx) => ({
    customer: await tx.customer.findUniqueOrThrow({ where: { id: s.customerId } }),
    billing: await tx.customerBilling.findUniqueOrThrow({ where: { customerId: s.customerId } }),
    invoices: await tx.invoice.findMany({ where: { customerId: s.customerId, source: "PACKAGE_CHANGE" }, include: { lines: { orderBy: { position: "asc" } } } }),
    audit: await tx.auditLog.findMany({ where: { targetId: s.customerId, action: { startsWith: "customer.package" } } }),
  }));

async function monthlyUpgrade(date: string, o: ChangeShopOptions = {}) {
  const s = await changeShop(o);
  const now = localMorning(date, s.timeZone);
  await setMonthlyPeriod(s.tenantId, s.customerId, now, s.timeZone);
  return { s, now };
}

describe("upgrade now, monthly in advance", () => {
  it("credits the unused days and charges the remaining ones, in Kathmandu, in a 31-day month", async () => {
    const { s, now } = await monthlyUpgrade("2027-01-11");
    const p = await preview(s, now);
    expect(p.direction).toBe("UPGRADE");
    expect(p.options).toHaveLength(1);
    const option = p.options[0]!;
    // 31 days; 10 used (1-10 January), 21 left counting the 11th: 6200 - 2000 charged, 3100 - 1000 credited.
    expect(option).toMatchObject({ mode: "prorate", netMinor: 2100_00n, refundMinor: 0n, period: { days: 31, unusedDays: 21 } });
    expect(option.lines.map((l) => [l.kind, l.totalMinor])).toEqual([
      ["PRORATION", 4200_00n],
      ["CREDIT", -2100_00n],
    ]);

    const done = await apply(s, now, { expectedNetMinor: 2100_00n });
    expect(done.existed).toBe(false);
    expect(done.invoice).toMatchObject({ source: "PACKAGE_CHANGE", status: "ISSUED", totalMinor: 2100_00n });
    expect(done.invoice!.number).toMatch(/^INV-/);
    const after = await state(s);
    expect(after.customer.packageId).toBe(s.newPkg.id);
    expect(after.billing.nextPackageId).toBeNull();
    expect(after.invoices[0]!.lines.map((l) => [l.kind, l.totalMinor])).toEqual([
      ["PRORATION", 4200_00n],
      ["CREDIT", -2100_00n],
    ]);
    expect(after.audit.map((a) => a.action)).toEqual(["customer.package.change"]);
    expect(await balance(s.tenantId, `customer_receivable:${s.customerId}`)).toBe(2100_00n);
    expect(await balance(s.tenantId, "revenue")).toBe(-2100_00n);
    // The live session follows: the fan-out asked for a change of the customer's session.
    const events = await withTenant(s.tenantId, (tx) => tx.outboxEvent.findMany({ where: { tenantId: s.tenantId } }));
    expect(events.some((e) => JSON.stringify(e.data).includes(s.customerId) && /network/i.test(e.name))).toBe(true);
    expect((await books(s.tenantId)).ok).toBe(true);
  });

  it("prorates a 28-day February by its own days", async () => {
    const { s, now } = await monthlyUpgrade("2027-02-15");
    const done = await apply(s, now);
    // 14 used, 14 left: half of each price.
    expect(done.option.period).toMatchObject({ days: 28, unusedDays: 14 });
    expect(done.invoice!.totalMinor).toBe(3100_00n - 1550_00n);
    expect((await books(s.tenantId)).ok).toBe(true);
  });

  it("counts the day of the change as remaining: on the 31st of a 31-day month one day is prorated", async () => {
    const { s, now } = await monthlyUpgrade("2027-03-31");
    const done = await apply(s, now);
    expect(done.option.period).toMatchObject({ days: 31, unusedDays: 1 });
    expect(done.invoice!.totalMinor).toBe(200_00n - 100_00n);
  });

  it("refuses when the net moved since the preview, and changes nothing", async () => {
    const { s, now } = await monthlyUpgrade("2027-01-11");
    await expect(apply(s, now, { expectedNetMinor: 2000_00n })).rejects.toMatchObject({ code: "CONFLICT", userMessage: expect.stringMatching(/review/) });
    const after = await state(s);
    expect(after.customer.packageId).toBe(s.oldPkg.id);
    expect(after.invoices).toEqual([]);
  });

  it("under the refund policy charges the new days in full and owes the unused days back as refunds payable", async () => {
    const { s, now } = await monthlyUpgrade("2027-01-11");
    await withTenant(s.tenantId, (tx) => tx.billingSettings.update({ where: { tenantId: s.tenantId }, data: { changeCreditPolicy: "REFUND" } }));
    const option = (await preview(s, now)).options[0]!;
    expect(option).toMatchObject({ netMinor: 4200_00n, refundMinor: 2100_00n });
    expect(option.lines.map((l) => l.kind)).toEqual(["PRORATION", "REFUND"]);
    const done = await apply(s, now, { expectedNetMinor: 4200_00n });
    expect(done.invoice!.totalMinor).toBe(4200_00n);
    expect(await balance(s.tenantId, "refunds_payable")).toBe(-2100_00n);
    expect(await balance(s.tenantId, "revenue")).toBe(-2100_00n);
    expect(await balance(s.tenantId, `customer_credit:${s.customerId}`)).toBe(0n);
    expect((await books(s.tenantId)).ok).toBe(true);
  });
});

describe("scheduled changes", () => {
  it("schedules a downgrade for the period end: nothing charged, next_package_id set, applied by the bill run", async () => {
    const { s, now } = await monthlyUpgrade("2027-01-11", { oldPrice: "6200", newPrice: "3100" });
    const p = await preview(s, now);
    expect(p.direction).toBe("DOWNGRADE");
    expect(p.options[0]).toMatchObject({ mode: "schedule", netMinor: 0n, lines: [], effectiveAt: startOfLocalDay("2027-02-01", s.timeZone) });
    const done = await apply(s, now);
    expect(done).toMatchObject({ mode: "schedule", invoice: null, existed: false });
    let after = await state(s);
    expect(after.customer.packageId).toBe(s.oldPkg.id);
    expect(after.billing.nextPackageId).toBe(s.newPkg.id);
    expect(after.invoices).toEqual([]);
    expect(after.audit.map((a) => a.action)).toEqual(["customer.package.schedule"]);
    expect(await balance(s.tenantId, `customer_receivable:${s.customerId}`)).toBe(0n);

    await withTenant(s.tenantId, async (tx) => applyScheduledPackageTx(tx, await billingContext(tx, s.tenantId), s.customerId, { actor: { kind: "SYSTEM", tenantId: s.tenantId, name: "Bill run" } }));
    after = await state(s);
    expect(after.customer.packageId).toBe(s.newPkg.id);
    expect(after.billing.nextPackageId).toBeNull();
  });

  it("schedules an upgrade when the tenant upgrades from the next period", async () => {
    const { s, now } = await monthlyUpgrade("2027-01-11");
    await withTenant(s.tenantId, (tx) => tx.billingSettings.update({ where: { tenantId: s.tenantId }, data: { upgradeTiming: "NEXT_PERIOD" } }));
    expect((await preview(s, now)).options.map((o) => [o.mode, o.netMinor])).toEqual([["schedule", 0n]]);
  });

  it("prepaid: prorates over one validity back from the expiry, and schedules a downgrade at expiry", async () => {
    const s = await changeShop({ mode: "PREPAID_VALIDITY", unit: "DAY", validity: 30, oldPrice: "3000", newPrice: "6000" });
    const now = localMorning("2027-05-11", s.timeZone);
    const expiry = localMorning("2027-05-31", s.timeZone); // validity 1-31 May (30 days), 10 used, 20 left
    await withTenant(s.tenantId, (tx) => tx.customer.update({ where: { id: s.customerId }, data: { expiresAt: expiry } }));
    const done = await apply(s, now);
    expect(done.option.period).toMatchObject({ days: 30, unusedDays: 20 });
    expect(done.invoice!.totalMinor).toBe(4000_00n - 2000_00n);
    expect((await state(s)).customer.expiresAt).toEqual(expiry);
    expect((await books(s.tenantId)).ok).toBe(true);
  });

  it("prepaid: prorates over the renewal invoice's period, and schedules a downgrade at expiry", async () => {
    const s = await changeShop({ mode: "PREPAID_VALIDITY", unit: "MONTH", validity: 1, oldPrice: "3100", newPrice: "6200" });
    const renewedAt = localMorning("2027-01-01", s.timeZone);
    const renewed = await withTenant(s.tenantId, async (tx) =>
      renewTx(tx, await billingContext(tx, s.tenantId), { customerId: s.customerId, payWith: "ON_ACCOUNT", key: randomUUID(), operatorId: s.owner.id, actor: s.owner, now: renewedAt }),
    );
    expect(renewed.customer.expiresAt).toEqual(localMorning("2027-02-01", s.timeZone));
    const done = await apply(s, localMorning("2027-01-11", s.timeZone));
    expect(done.option.period).toMatchObject({ start: renewedAt, days: 31, unusedDays: 21 });
    expect(done.invoice!.totalMinor).toBe(2100_00n);

    // Back down: at expiry, nothing now.
    const down = await apply(s, localMorning("2027-01-12", s.timeZone), { packageId: s.oldPkg.id });
    expect(down).toMatchObject({ mode: "schedule", invoice: null });
    expect(down.option.effectiveAt).toEqual(localMorning("2027-02-01", s.timeZone));
    expect((await state(s)).billing.nextPackageId).toBe(s.oldPkg.id);

    // The renewal at expiry buys the next month on the scheduled package, at its price.
    const next = await withTenant(s.tenantId, async (tx) =>
      renewTx(tx, await billingContext(tx, s.tenantId), { customerId: s.customerId, payWith: "ON_ACCOUNT", key: randomUUID(), operatorId: null, actor: s.owner, now: localMorning("2027-02-01", s.timeZone) }),
    );
    expect(next.customer.packageId).toBe(s.oldPkg.id);
    expect(next.invoice).toMatchObject({ packageId: s.oldPkg.id, totalMinor: 3100_00n });
    expect((await state(s)).billing.nextPackageId).toBeNull();
    expect((await books(s.tenantId)).ok).toBe(true);
  });

  it("refuses to prorate a customer renewed ahead (later periods were paid at the old price)", async () => {
    const s = await changeShop({ mode: "PREPAID_VALIDITY", unit: "MONTH", validity: 1 });
    const now = localMorning("2027-01-01", s.timeZone);
    await withTenant(s.tenantId, async (tx) =>
      renewTx(tx, await billingContext(tx, s.tenantId), { customerId: s.customerId, payWith: "ON_ACCOUNT", periods: 1, key: randomUUID(), operatorId: null, actor: s.owner, now }),
    );
    await withTenant(s.tenantId, async (tx) =>
      renewTx(tx, await billingContext(tx, s.tenantId), { customerId: s.customerId, payWith: "ON_ACCOUNT", periods: 1, key: randomUUID(), operatorId: null, actor: s.owner, now }),
    );
    await expect(apply(s, localMorning("2027-01-11", s.timeZone))).rejects.toMatchObject({ code: "CONFLICT", userMessage: expect.stringMatching(/prepaid periods after/) });
  });
});

describe("tax", () => {
  it("splits tax out of the credit and the charge, and out of a refund (inclusive prices, 13 %)", async () => {
    const { s, now } = await monthlyUpgrade("2027-01-11", { oldPrice: "3100", newPrice: "6200" });
    await withTenant(s.tenantId, async (tx) => {
      const rate = await tx.taxRate.create({ data: { tenantId: s.tenantId, name: "VAT 13%", rateBp: 1300 } });
      await tx.billingSettings.update({ where: { tenantId: s.tenantId }, data: { defaultTaxRateId: rate.id, changeCreditPolicy: "REFUND" } });
    });
    const option = (await preview(s, now)).options[0]!;
    expect(option.lines.map((l) => [l.kind, l.netMinor, l.taxMinor, l.totalMinor])).toEqual([
      ["PRORATION", 3716_81n, 483_19n, 4200_00n],
      ["REFUND", -1858_41n, -241_59n, -2100_00n],
    ]);
    await apply(s, now, { expectedNetMinor: 4200_00n });
    expect(await balance(s.tenantId, "tax_payable")).toBe(-(483_19n - 241_59n));
    expect(await balance(s.tenantId, "refunds_payable")).toBe(-2100_00n);
    expect((await books(s.tenantId)).ok).toBe(true);
  });
});

describe("hotspot hour validity", () => {
  const hotspot = async () => {
    const s = await changeShop({ mode: "PREPAID_VALIDITY", unit: "HOUR", validity: 24, oldPrice: "50", newPrice: "100" });
    const now = new Date("2027-01-11T06:00:00Z");
    const expiry = new Date("2027-01-11T18:00:00Z");
    await withTenant(s.tenantId, (tx) => tx.customer.update({ where: { id: s.customerId }, data: { expiresAt: expiry } }));
    return { s, now, expiry };
  };

  it("offers extend (keep the expiry, free) and replace (a new validity now at the new price)", async () => {
    const { s, now, expiry } = await hotspot();
    const p = await preview(s, now);
    expect(p.options.map((o) => [o.mode, o.netMinor, o.expiresAt])).toEqual([
      ["extend", 0n, expiry],
      ["replace", 100_00n, new Date("2027-01-12T06:00:00Z")],
    ]);
    await expect(apply(s, now)).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("extend switches now and keeps the expiry, charging nothing", async () => {
    const { s, now, expiry } = await hotspot();
    const done = await apply(s, now, { mode: "extend", expectedNetMinor: 0n });
    expect(done.invoice).toBeNull();
    const after = await state(s);
    expect(after.customer).toMatchObject({ packageId: s.newPkg.id, expiresAt: expiry });
    expect(after.invoices).toEqual([]);
  });

  it("replace starts a new validity now and charges the new price", async () => {
    const { s, now } = await hotspot();
    const done = await apply(s, now, { mode: "replace", expectedNetMinor: 100_00n });
    expect(done.invoice).toMatchObject({ totalMinor: 100_00n, source: "PACKAGE_CHANGE" });
    const after = await state(s);
    expect(after.customer).toMatchObject({ packageId: s.newPkg.id, expiresAt: new Date("2027-01-12T06:00:00Z") });
    expect(after.invoices[0]!.lines.map((l) => l.kind)).toEqual(["PERIOD"]);
    expect((await books(s.tenantId)).ok).toBe(true);
  });
});

describe("the services", () => {
  it("make one change for a double submit, however many times it arrives at once", async () => {
    const s = await changeShop();
    await setMonthlyPeriod(s.tenantId, s.customerId, new Date(), s.timeZone);
    const p = await previewPackageChange(s.owner, { customerId: s.customerId, packageId: s.newPkg.id });
    const net = p.options[0]!.netMinor;
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 6 }, () => changePackage(s.owner, { customerId: s.customerId, packageId: s.newPkg.id, expectedNetMinor: net.toString(), idempotencyKey: key })));
    expect(results.filter((r) => !r.existed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.invoice?.id)).size).toBe(1);
    // Another form's key for the same change finds it already made.
    expect((await changePackage(s.owner, { customerId: s.customerId, packageId: s.newPkg.id, idempotencyKey: randomUUID() })).existed).toBe(true);
    const after = await state(s);
    expect(after.invoices).toHaveLength(1);
    expect(after.audit).toHaveLength(1);
    expect((await books(s.tenantId)).ok).toBe(true);
  });
});
