// Invoices and payments end to end against PostgreSQL: numbering without gaps, allocation oldest
// first, overpayment as credit for the next invoice, reversals, voids and credit notes, tax, and
// the books balanced after each step.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { reconcileLedger } from "@/lib/ledger";
import { makeCustomer, makeOperator, makeTenant } from "@/lib/testing/factories";
import { billingContext } from "./billing-context";
import { createInvoice, creditInvoice, voidInvoice } from "./invoices/invoice-services";
import { cashInHand, recordPayment, reversePayment } from "./payments/payment-services";

async function shop() {
  const t = await makeTenant();
  const customer = await makeCustomer(t.owner);
  return { t, owner: t.owner, customer: customer! };
}

const books = (tenantId: string) => withTenant(tenantId, (tx) => reconcileLedger(tx, tenantId));
const invoice = (tenantId: string, id: string) => withTenant(tenantId, (tx) => tx.invoice.findUniqueOrThrow({ where: { id } }));
const credit = async (tenantId: string, customerId: string) =>
  withTenant(tenantId, async (tx) => {
    const a = await tx.ledgerAccount.findFirst({ where: { code: `customer_credit:${customerId}` } });
    return a ? -a.balanceMinor : 0n;
  });
const fee = (owner: Parameters<typeof createInvoice>[0], customerId: string, price: string) =>
  createInvoice(owner, { customerId, lines: [{ description: "Installation", unitPrice: price, kind: "ONE_TIME" }], issue: true });

describe("invoices and payments", () => {
  it("numbers issued invoices without gaps, even when an issue rolls back", async () => {
    const s = await shop();
    const first = await fee(s.owner, s.customer.id, "100");
    const year = new Date().getUTCFullYear();
    expect(first.number).toMatch(new RegExp(`^INV-(${year}|${year + 1}|${year - 1})-00001$`));
    // A transaction that takes a number and then fails gives it back.
    await expect(
      withTenant(s.t.tenantId, async (tx) => {
        const { nextDocumentNumber } = await import("./numbering");
        const ctx = await billingContext(tx, s.t.tenantId);
        await nextDocumentNumber(tx, s.t.tenantId, "INV", ctx.settings.invoicePattern, new Date(), ctx.timeZone);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const more = await Promise.all(Array.from({ length: 12 }, () => fee(s.owner, s.customer.id, "10")));
    const seqs = [first, ...more].map((i) => Number(i.number!.slice(-5))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect((await books(s.t.tenantId)).ok).toBe(true);
  });

  it("allocates payments oldest first, keeps the overpayment as credit and spends it on the next invoice", async () => {
    const s = await shop();
    const a = await fee(s.owner, s.customer.id, "1000");
    const b = await fee(s.owner, s.customer.id, "500");
    const p1 = await recordPayment(s.owner, { customerId: s.customer.id, method: "CASH", amount: "600", idempotencyKey: randomUUID() });
    expect(p1.allocations).toEqual([{ invoiceId: a.id, amountMinor: 600_00n }]);
    expect(await invoice(s.t.tenantId, a.id)).toMatchObject({ status: "PARTIALLY_PAID", paidMinor: 600_00n });
    await recordPayment(s.owner, { customerId: s.customer.id, method: "BANK_TRANSFER", amount: "1100.50", reference: "TRX-1", idempotencyKey: randomUUID() });
    expect(await invoice(s.t.tenantId, a.id)).toMatchObject({ status: "PAID", paidMinor: 1000_00n });
    expect(await invoice(s.t.tenantId, b.id)).toMatchObject({ status: "PAID", paidMinor: 500_00n });
    expect(await credit(s.t.tenantId, s.customer.id)).toBe(200_50n);
    const c = await fee(s.owner, s.customer.id, "150");
    expect(c).toMatchObject({ status: "PAID", paidMinor: 150_00n });
    expect(await credit(s.t.tenantId, s.customer.id)).toBe(50_50n);
    expect((await books(s.t.tenantId)).ok).toBe(true);
  });

  it("records one payment for one form token, however many times it is submitted at once", async () => {
    const s = await shop();
    await fee(s.owner, s.customer.id, "300");
    const token = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => recordPayment(s.owner, { customerId: s.customer.id, method: "CASH", amount: "300", idempotencyKey: token })));
    expect(new Set(results.map((r) => r.payment.id)).size).toBe(1);
    expect(results.filter((r) => !r.existed)).toHaveLength(1);
    const payments = await withTenant(s.t.tenantId, (tx) => tx.payment.count({ where: { customerId: s.customer.id } }));
    expect(payments).toBe(1);
    expect(await credit(s.t.tenantId, s.customer.id)).toBe(0n);
  });

  it("reverses a payment: invoices reopen, cash goes back, the receipt stays with its reversal", async () => {
    const s = await shop();
    const a = await fee(s.owner, s.customer.id, "400");
    const paid = await recordPayment(s.owner, { customerId: s.customer.id, method: "CASH", amount: "500", idempotencyKey: randomUUID() });
    const later = await fee(s.owner, s.customer.id, "80"); // paid from the 100 of credit
    expect(later.status).toBe("PAID");
    await reversePayment(s.owner, { paymentId: paid.payment.id, reason: "Counterfeit note" });
    expect(await invoice(s.t.tenantId, a.id)).toMatchObject({ status: "ISSUED", paidMinor: 0n });
    expect(await invoice(s.t.tenantId, later.id)).toMatchObject({ status: "ISSUED", paidMinor: 0n });
    expect(await credit(s.t.tenantId, s.customer.id)).toBe(0n);
    await expect(reversePayment(s.owner, { paymentId: paid.payment.id, reason: "again" })).rejects.toMatchObject({ code: "CONFLICT" });
    const cash = await withTenant(s.t.tenantId, (tx) => tx.ledgerAccount.findFirstOrThrow({ where: { code: `cash:${s.owner.id}` } }));
    expect(cash.balanceMinor).toBe(0n);
    expect((await books(s.t.tenantId)).ok).toBe(true);
  });

  it("voids an invoice: its payment becomes credit and settles the next open invoice", async () => {
    const s = await shop();
    const wrong = await fee(s.owner, s.customer.id, "250");
    const right = await fee(s.owner, s.customer.id, "250");
    await recordPayment(s.owner, { customerId: s.customer.id, method: "CASH", amount: "250", idempotencyKey: randomUUID() });
    expect(await invoice(s.t.tenantId, wrong.id)).toMatchObject({ status: "PAID" });
    await voidInvoice(s.owner, { invoiceId: wrong.id, reason: "Billed twice" });
    expect(await invoice(s.t.tenantId, wrong.id)).toMatchObject({ status: "VOID", paidMinor: 0n });
    expect(await invoice(s.t.tenantId, right.id)).toMatchObject({ status: "PAID", paidMinor: 250_00n });
    expect((await books(s.t.tenantId)).ok).toBe(true);
  });

  it("credits part of a paid invoice: a numbered credit note, and the amount becomes customer credit", async () => {
    const s = await shop();
    const a = await fee(s.owner, s.customer.id, "1000");
    await recordPayment(s.owner, { customerId: s.customer.id, method: "CASH", amount: "1000", idempotencyKey: randomUUID() });
    const note = await creditInvoice(s.owner, { invoiceId: a.id, amount: "200", reason: "Outage of 6 days" });
    expect(note).toMatchObject({ kind: "CREDIT_NOTE", totalMinor: -200_00n, status: "ISSUED" });
    expect(note.number).toMatch(/^CN-\d{4}-00001$/);
    expect(await credit(s.t.tenantId, s.customer.id)).toBe(200_00n);
    await expect(creditInvoice(s.owner, { invoiceId: a.id, amount: "800.01", reason: "too much" })).rejects.toMatchObject({ code: "VALIDATION" });
    // The rest, on an unpaid invoice: settles it without money.
    const b = await fee(s.owner, s.customer.id, "500");
    expect(b.status).toBe("PARTIALLY_PAID"); // 200 credit applied
    await creditInvoice(s.owner, { invoiceId: b.id, reason: "Goodwill" });
    expect(await invoice(s.t.tenantId, b.id)).toMatchObject({ status: "PAID" });
    expect((await books(s.t.tenantId)).ok).toBe(true);
  });

  it("splits tax out of inclusive prices and posts it to tax payable", async () => {
    const s = await shop();
    await withTenant(s.t.tenantId, async (tx) => {
      const rate = await tx.taxRate.create({ data: { tenantId: s.t.tenantId, name: "VAT 16%", rateBp: 1600 } });
      await tx.billingSettings.update({ where: { tenantId: s.t.tenantId }, data: { defaultTaxRateId: rate.id } });
    });
    const inv = await fee(s.owner, s.customer.id, "1160");
    expect(inv).toMatchObject({ subtotalMinor: 1000_00n, taxMinor: 160_00n, totalMinor: 1160_00n });
    const tax = await withTenant(s.t.tenantId, (tx) => tx.ledgerAccount.findFirstOrThrow({ where: { code: "tax_payable" } }));
    expect(tax.balanceMinor).toBe(-160_00n);
  });

  it("totals the day's cash per collector", async () => {
    const s = await shop();
    const manager = await makeOperator(s.owner, "MANAGER");
    await recordPayment(s.owner, { customerId: s.customer.id, method: "CASH", amount: "100", idempotencyKey: randomUUID() });
    await recordPayment(manager.actor, { customerId: s.customer.id, method: "CASH", amount: "40.25", idempotencyKey: randomUUID() });
    await recordPayment(manager.actor, { customerId: s.customer.id, method: "CASH", amount: "9.75", idempotencyKey: randomUUID() });
    await recordPayment(manager.actor, { customerId: s.customer.id, method: "BANK_TRANSFER", amount: "1000", idempotencyKey: randomUUID() });
    const day = await cashInHand(s.owner);
    expect(day.totalMinor).toBe(150_00n);
    expect(day.collectors.map((c) => [c.collectorId, c.amountMinor, c.payments])).toEqual([
      [s.owner.id, 100_00n, 1],
      [manager.id, 50_00n, 2],
    ]);
  });

  it("refuses amounts that are not money in the tenant's currency, naming the field", async () => {
    const s = await shop();
    for (const amount of ["abc", "1.005", "-5", "0", "1e3", "12\u0000"]) {
      const error = await recordPayment(s.owner, { customerId: s.customer.id, method: "CASH", amount, idempotencyKey: randomUUID() }).catch((e) => e);
      expect(error, amount).toMatchObject({ code: "VALIDATION" });
      expect(Object.keys(error.fieldErrors ?? {}), amount).toContain("amount");
    }
  });
});
