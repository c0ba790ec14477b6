// Commissions: the split rule (parts always sum to the payment), the job on payment.received
// through the local driver and through Inngest from the same definition, idempotent on the
// payment, reversed with the payment, paid out, and reported per reseller.
import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { reconcileLedger } from "@/lib/ledger";
import { recordPayment, reversePayment } from "@/lib/billing/payments/payment-services";
import { PAYMENT_RECEIVED } from "@/lib/billing/payments/receive-payment";
import type { AnyJobDefinition } from "@/lib/jobs/define-job";
import { relayTransactional } from "@/lib/jobs/outbox/relay";
import { startTestDriver, waitFor } from "@/lib/jobs/testing";
import { toInngestFunction } from "@/inngest/functions";
import { makeCustomer, makeOperator, makePackage, makeTenant } from "@/lib/testing/factories";
import { toAppError } from "@/lib/errors";
import { splitCommission } from "./commission-split";
import { commissionReport, payOutCommission, postCommission } from "./commissions";
import { getOperatorStatement } from "./operator-statement";
import { getWallet, moveWalletMoney } from "./wallets";
import { postCommissionsJob } from "./resellers.jobs";

describe("the commission split", () => {
  it("100 paid, reseller 60 %, its sub-reseller 50 % of that: 30, 30 and the ISP 40", () => {
    const s = splitCommission(100_00n, { operatorId: "r", shareBp: 6000 }, { operatorId: "s", shareBp: 5000 });
    expect(s).toEqual({ ispMinor: 40_00n, parts: [{ operatorId: "r", shareBp: 6000, amountMinor: 30_00n }, { operatorId: "s", shareBp: 5000, amountMinor: 30_00n }] });
    expect(splitCommission(100_00n, { operatorId: "r", shareBp: 0 })).toEqual({ ispMinor: 100_00n, parts: [] });
    expect(splitCommission(100_00n, null)).toEqual({ ispMinor: 100_00n, parts: [] });
  });

  it("rounds each part down to the minor unit; the parts always sum to the payment (20,000 random cases)", () => {
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 20_000; i++) {
      const amount = BigInt(1 + rand(10_000_000)) * (i % 7 === 0 ? 1_000_003n : 1n);
      const sub = i % 3 === 0 ? null : { operatorId: "s", shareBp: rand(10_001) };
      const s = splitCommission(amount, { operatorId: "r", shareBp: rand(10_001) }, sub);
      expect(s.ispMinor + s.parts.reduce((a, p) => a + p.amountMinor, 0n)).toBe(amount);
      expect(s.ispMinor >= 0n && s.parts.every((p) => p.amountMinor > 0n)).toBe(true);
    }
    // 0.01 at 33.33 %: nothing to share, the ISP keeps the cent.
    expect(splitCommission(1n, { operatorId: "r", shareBp: 3333 })).toEqual({ ispMinor: 1n, parts: [] });
  });
});

async function chain() {
  const t = await makeTenant();
  const reseller = await makeOperator(t.owner, "RESELLER", { commissionShare: "60" });
  const sub = await makeOperator(reseller.actor, "SUB_RESELLER", { commissionShare: "50" });
  const customer = (await makeCustomer(sub.actor))!;
  return { t, reseller, sub, customer };
}
const pay = (actor: Parameters<typeof recordPayment>[0], customerId: string, amount: string) =>
  recordPayment(actor, { customerId, method: "CASH", amount, idempotencyKey: randomUUID() });
const commissionsOf = (tenantId: string, paymentId: string) => withTenant(tenantId, (tx) => tx.commission.findMany({ where: { paymentId }, orderBy: { amountMinor: "asc" } }));

describe("commission postings", () => {
  it("the local driver posts a payment's commission once; a second run, a duplicate or a re-run posts nothing", { timeout: 120_000 }, async () => {
    const { t, reseller, sub, customer } = await chain();
    const { payment } = await pay(t.owner, customer.id, "100");
    const driver = await startTestDriver([postCommissionsJob] as unknown as AnyJobDefinition[]);
    try {
      await waitFor(async () => {
        await relayTransactional((tx, rows) => driver.deliver(tx, rows), 100, { names: driver.eventNames });
        return (await commissionsOf(t.tenantId, payment.id)).length === 2;
      }, 90_000);
    } finally {
      await driver.stop();
    }
    expect(await postCommission(t.tenantId, payment.id)).toMatchObject({ skipped: "already-posted" });
    const rows = await commissionsOf(t.tenantId, payment.id);
    expect(rows.map((r) => [r.operatorId, r.amountMinor])).toEqual(
      expect.arrayContaining([
        [reseller.id, 30_00n],
        [sub.id, 30_00n],
      ]),
    );
    expect(rows).toHaveLength(2);
    const ledger = await withTenant(t.tenantId, (tx) => tx.ledgerTransaction.findMany({ where: { idempotencyKey: { startsWith: `commission:${payment.id}` } } }));
    expect(ledger).toHaveLength(1);
    expect((await withTenant(t.tenantId, (tx) => reconcileLedger(tx, t.tenantId))).ok).toBe(true);
  });

  it("the Inngest function, from the same definition, posts it on billing/payment.received", async () => {
    const { t, customer } = await chain();
    const { payment } = await pay(t.owner, customer.id, "250.01");
    const fn = toInngestFunction(postCommissionsJob as unknown as AnyJobDefinition);
    const engine = new InngestTestEngine({ function: fn, events: [{ name: PAYMENT_RECEIVED, data: { tenantId: t.tenantId, paymentId: payment.id, customerId: customer.id, amountMinor: "25001", method: "CASH" } }] });
    const { error } = await engine.execute();
    expect(error).toBeUndefined();
    // 250.01 x 60 % = 150.006 -> 150.00; the sub-reseller's half 75.00; the reseller 75.00; the ISP 100.01.
    expect((await commissionsOf(t.tenantId, payment.id)).map((r) => r.amountMinor)).toEqual([75_00n, 75_00n]);
  });

  it("a reversed payment reverses its commission; one reversed before the job runs earns none", async () => {
    const { t, reseller, customer } = await chain();
    const { payment } = await pay(t.owner, customer.id, "100");
    await postCommission(t.tenantId, payment.id);
    await reversePayment(t.owner, { paymentId: payment.id, reason: "bounced" });
    const rows = await commissionsOf(t.tenantId, payment.id);
    expect(rows.every((r) => r.reversedAt && r.reversalTransactionId)).toBe(true);
    const statement = await getOperatorStatement(reseller.actor, null, { account: "commissions" });
    expect(statement.rows.map((r) => [r.event, r.balanceMinor])).toEqual([
      ["commission.earn", 30_00n],
      ["commission.reverse", 0n],
    ]);

    const late = await pay(t.owner, customer.id, "50");
    await reversePayment(t.owner, { paymentId: late.payment.id, reason: "wrong customer" });
    expect(await postCommission(t.tenantId, late.payment.id)).toMatchObject({ skipped: "reversed" });
    expect(await commissionsOf(t.tenantId, late.payment.id)).toEqual([]);
    expect((await withTenant(t.tenantId, (tx) => reconcileLedger(tx, t.tenantId))).ok).toBe(true);
  });

  it("payouts move the payable to cash or the wallet, never more than owed; the report sums per reseller and period", async () => {
    const { t, reseller, sub, customer } = await chain();
    for (const amount of ["100", "200"]) {
      const { payment } = await pay(t.owner, customer.id, amount);
      await postCommission(t.tenantId, payment.id);
    }
    // Reseller earned 30 + 60 = 90, sub-reseller 90.
    const tooMuch = toAppError(await payOutCommission(t.owner, { operatorId: reseller.id, to: "CASH", amount: "90.01", idempotencyKey: randomUUID() }).catch((e: unknown) => e));
    expect(tooMuch.fieldErrors?.amount, tooMuch.message).toEqual(["At most what is owed."]);
    await payOutCommission(t.owner, { operatorId: reseller.id, to: "CASH", amount: "40", idempotencyKey: randomUUID() });
    await payOutCommission(t.owner, { operatorId: reseller.id, to: "WALLET", amount: "50", idempotencyKey: randomUUID() });
    expect((await getWallet(reseller.actor)).balanceMinor).toBe(50_00n);

    const report = await commissionReport(t.owner, {});
    const mine = report.rows.find((r) => r.operatorId === reseller.id)!;
    expect(mine).toMatchObject({ payments: 2, baseMinor: 300_00n, earnedMinor: 90_00n, reversedMinor: 0n, netMinor: 90_00n, owedMinor: 0n });
    expect(report.rows.find((r) => r.operatorId === sub.id)).toMatchObject({ earnedMinor: 90_00n, owedMinor: 90_00n });
    // A reseller's report: itself and its sub-reseller; a sub-reseller: itself.
    expect((await commissionReport(reseller.actor, {})).rows.map((r) => r.operatorId).sort()).toEqual([reseller.id, sub.id].sort());
    expect((await commissionReport(sub.actor, {})).rows.map((r) => r.operatorId)).toEqual([sub.id]);
    // A reseller's own sale paid from its wallet earns no commission (its margin is its earning).
    const pkg = await makePackage(t.owner, { price: "100", resellerVisible: true });
    await moveWalletMoney(t.owner, { operatorId: sub.id, direction: "IN", via: "CASH", amount: "1000", idempotencyKey: randomUUID() });
    const sold = (await makeCustomer(sub.actor, { packageId: pkg.id }))!;
    const fromWallet = await withTenant(t.tenantId, (tx) => tx.payment.findFirstOrThrow({ where: { customerId: sold.id } }));
    expect(fromWallet.method).toBe("RESELLER_WALLET");
    expect(await postCommission(t.tenantId, fromWallet.id)).toMatchObject({ skipped: "from-wallet" });
    const ledgerOk = await withSystem("test: trial balance", (tx) => reconcileLedger(tx, t.tenantId));
    expect(ledgerOk.ok).toBe(true);
  });
});
