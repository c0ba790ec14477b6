// The books under fire: thousands of random operations (payments, duplicate submits, reversals,
// renewals, manual invoices, voids, credit notes) run concurrently over a few customers, most of
// them colliding on the same rows. Whatever succeeds or is refused, afterwards: the trial balance
// is exactly 0, every cached balance equals its entries, no invoice is paid beyond its total or
// twice, every customer's receivable equals what its open invoices say, and no credit is negative.
// BILLING_PROPERTY_OPS raises the count (default 1500).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { reconcileLedger } from "@/lib/ledger";
import { makeCustomer, makeOperator, makePackage, makeTenant } from "@/lib/testing/factories";
import { createInvoice, creditInvoice, voidInvoice } from "./invoices/invoice-services";
import { recordPayment, reversePayment } from "./payments/payment-services";
import { renewCustomer } from "./renewals/renew-customer";

/** Seeded, so a failure replays: mulberry32. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPS = Number(process.env.BILLING_PROPERTY_OPS ?? 1500);
const CONCURRENCY = 12;
const SEED = Number(process.env.BILLING_PROPERTY_SEED ?? 20261207);

describe("billing property", () => {
  it(`keeps the books exact through ${OPS} random concurrent operations`, { timeout: 600_000 }, async () => {
    const random = rng(SEED);
    const pick = <T>(xs: T[]): T | undefined => (xs.length ? xs[Math.floor(random() * xs.length)] : undefined);
    const amount = () => `${1 + Math.floor(random() * 2000)}.${String(Math.floor(random() * 100)).padStart(2, "0")}`;

    const t = await makeTenant();
    const manager = await makeOperator(t.owner, "MANAGER");
    const pkg = await makePackage(t.owner, { price: "999.99", validityValue: 1, validityUnit: "MONTH" });
    const customers = await Promise.all(Array.from({ length: 6 }, () => makeCustomer(t.owner, { packageId: pkg.id }).then((c) => c!.id)));
    const payments: string[] = [];
    const invoices: string[] = [];
    const tokens: string[] = [];
    const outcomes: Record<string, { ok: number; refused: number }> = {};

    const operations: Record<string, () => Promise<unknown>> = {
      pay: async () => {
        // One submit in four repeats an earlier form token (a double click, a retried request).
        const reuse = random() < 0.25 ? pick(tokens) : undefined;
        const token = reuse ?? randomUUID();
        if (!reuse) tokens.push(token);
        const r = await recordPayment(random() < 0.5 ? t.owner : manager.actor, { customerId: pick(customers)!, method: random() < 0.7 ? "CASH" : "BANK_TRANSFER", amount: amount(), idempotencyKey: token });
        if (!r.existed) payments.push(r.payment.id);
      },
      reverse: () => reversePayment(t.owner, { paymentId: pick(payments) ?? randomUUID(), reason: "property test" }),
      renew: () => renewCustomer(t.owner, { customerId: pick(customers)!, payWith: pick(["CASH", "CREDIT", "ON_ACCOUNT"] as const)!, idempotencyKey: random() < 0.2 && tokens.length ? pick(tokens)! : randomUUID() }),
      invoice: async () => {
        const inv = await createInvoice(t.owner, { customerId: pick(customers)!, lines: [{ description: "Fee", unitPrice: amount() }, ...(random() < 0.3 ? [{ description: "Discount", unitPrice: "-1.50", kind: "DISCOUNT" as const }] : [])], issue: true });
        invoices.push(inv.id);
      },
      void: () => voidInvoice(t.owner, { invoiceId: pick(invoices) ?? randomUUID(), reason: "property test" }),
      credit: () => creditInvoice(t.owner, { invoiceId: pick(invoices) ?? randomUUID(), amount: random() < 0.5 ? "10.00" : undefined, reason: "property test" }),
    };
    const weights: [string, number][] = [["pay", 35], ["invoice", 25], ["renew", 15], ["reverse", 10], ["void", 8], ["credit", 7]];
    const total = weights.reduce((s, [, w]) => s + w, 0);
    const chooseOp = () => {
      let r = random() * total;
      for (const [name, w] of weights) if ((r -= w) < 0) return name;
      return "pay";
    };

    let next = 0;
    const worker = async () => {
      while (next < OPS) {
        next++;
        const name = chooseOp();
        outcomes[name] ??= { ok: 0, refused: 0 };
        try {
          await operations[name]!();
          outcomes[name]!.ok++;
        } catch (e) {
          // Refusals are fine (reversing twice, crediting too much, not enough credit); anything else is a bug.
          if (!(e instanceof AppError) || !["CONFLICT", "VALIDATION", "NOT_FOUND"].includes(e.code)) throw e;
          outcomes[name]!.refused++;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(`[billing property] seed ${SEED}:`, JSON.stringify(outcomes));
    expect(Object.values(outcomes).reduce((s, o) => s + o.ok, 0)).toBeGreaterThan(OPS / 3);

    const rec = await withTenant(t.tenantId, (tx) => reconcileLedger(tx, t.tenantId));
    expect(rec.trialBalance.every((b) => b.netMinor === 0n)).toBe(true);
    expect(rec.discrepancies).toEqual([]);
    expect(rec.unbalancedTransactions).toEqual([]);
    expect(rec.ok).toBe(true);

    await withTenant(t.tenantId, async (tx) => {
      // No invoice paid beyond its total, and paid_minor is exactly the sum of its allocations.
      const bad = await tx.$queryRaw<{ id: string }[]>`
        SELECT i.id FROM invoices i LEFT JOIN payment_allocations a ON a.invoice_id = i.id
         WHERE i.tenant_id = ${t.tenantId}::uuid
         GROUP BY i.id HAVING i.paid_minor <> coalesce(sum(a.amount_minor), 0) OR (i.kind = 'INVOICE' AND i.paid_minor > i.total_minor)`;
      expect(bad).toEqual([]);
      // A void invoice holds no money; a reversed payment allocates nothing any more.
      const voidPaid = await tx.invoice.count({ where: { status: "VOID", paidMinor: { not: 0n } } });
      expect(voidPaid).toBe(0);
      const reversedLive = await tx.$queryRaw<{ id: string }[]>`
        SELECT p.id FROM payments p JOIN payment_allocations a ON a.payment_id = p.id
         WHERE p.tenant_id = ${t.tenantId}::uuid AND p.status = 'REVERSED' GROUP BY p.id HAVING sum(a.amount_minor) <> 0`;
      expect(reversedLive).toEqual([]);
      // Each customer's receivable is what its open invoices say; its credit is never negative.
      for (const customerId of customers) {
        const [receivable, credit] = await Promise.all([
          tx.ledgerAccount.findFirst({ where: { code: `customer_receivable:${customerId}` } }),
          tx.ledgerAccount.findFirst({ where: { code: `customer_credit:${customerId}` } }),
        ]);
        const open = await tx.$queryRaw<{ open: bigint | null }[]>`
          SELECT sum(total_minor - paid_minor)::bigint AS open FROM invoices
           WHERE customer_id = ${customerId}::uuid AND kind = 'INVOICE' AND status IN ('ISSUED', 'PARTIALLY_PAID', 'PAID')`;
        expect(receivable?.balanceMinor ?? 0n, customerId).toBe(open[0]?.open ?? 0n);
        expect(-(credit?.balanceMinor ?? 0n)).toBeGreaterThanOrEqual(0n);
      }
    });
  });
});
