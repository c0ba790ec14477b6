// The ledger's promises, each tested against PostgreSQL: balanced or refused, idempotent by key,
// no overdraft under concurrency, reversal and two-phase resolution exactly once, cached balances
// equal to their entries, and one tenant's accounts unreachable from another's postings.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { makeTenant, makeCustomer } from "@/lib/testing/factories";
import { customerAccounts, ensureAccount, postTransaction, postTransactions, reconcileLedger, systemAccount } from "./index";

async function setup() {
  const t = await makeTenant();
  const currency = "KES";
  const ids = await withTenant(t.tenantId, async (tx) => ({
    cash: await systemAccount(tx, t.tenantId, "cash", currency),
    revenue: await systemAccount(tx, t.tenantId, "revenue", currency),
    bank: await systemAccount(tx, t.tenantId, "bank", currency),
    wallet: await ensureAccount(tx, t.tenantId, { code: `wallet:${randomUUID()}`, name: "Test wallet", type: "LIABILITY", currency, noOverdraft: true }),
  }));
  return { t, currency, ...ids };
}

const balanceOf = (tenantId: string, id: string) =>
  withTenant(tenantId, (tx) => tx.ledgerAccount.findUniqueOrThrow({ where: { id } }).then((a) => a.balanceMinor));

describe("ledger", () => {
  it("opens the chart of accounts when the tenant is created", async () => {
    const t = await makeTenant();
    const codes = await withTenant(t.tenantId, (tx) => tx.ledgerAccount.findMany({ select: { code: true } }));
    expect(codes.map((c) => c.code).sort()).toEqual(
      ["bank", "cash", "commission_expense", "commission_payable", "discounts", "opening_balance", "refunds_payable", "revenue", "rounding", "suspense", "tax_payable", "voucher_liability"].sort(),
    );
  });

  it("posts a balanced transaction and moves both cached balances", async () => {
    const s = await setup();
    const posted = await withTenant(s.t.tenantId, (tx) =>
      postTransaction(tx, s.t.tenantId, { key: "sale:1", event: "test.sale", legs: [{ accountId: s.cash, amountMinor: 150_00n }, { accountId: s.revenue, amountMinor: -150_00n }] }),
    );
    expect(posted.existed).toBe(false);
    expect(await balanceOf(s.t.tenantId, s.cash)).toBe(150_00n);
    expect(await balanceOf(s.t.tenantId, s.revenue)).toBe(-150_00n);
    const rec = await withTenant(s.t.tenantId, (tx) => reconcileLedger(tx, s.t.tenantId));
    expect(rec.ok).toBe(true);
    expect(rec.trialBalance).toEqual([{ currency: "KES", debitsMinor: 150_00n, creditsMinor: 150_00n, netMinor: 0n }]);
  });

  it("refuses an unbalanced transaction, a single leg and a zero leg, writing nothing", async () => {
    const s = await setup();
    const attempts = [
      [{ accountId: s.cash, amountMinor: 100n }, { accountId: s.revenue, amountMinor: -99n }],
      [{ accountId: s.cash, amountMinor: 100n }],
      [{ accountId: s.cash, amountMinor: 0n }, { accountId: s.revenue, amountMinor: 0n }],
    ];
    for (const legs of attempts) {
      await expect(withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: randomUUID(), event: "test.bad", legs }))).rejects.toThrow();
    }
    expect(await withTenant(s.t.tenantId, (tx) => tx.ledgerTransaction.count())).toBe(0);
  });

  it("same key and same legs returns the existing transaction; different legs are refused", async () => {
    const s = await setup();
    const legs = [{ accountId: s.cash, amountMinor: 500n }, { accountId: s.revenue, amountMinor: -500n }];
    const first = await withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "pay:abc", event: "test", legs }));
    const again = await withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "pay:abc", event: "test", legs: [...legs].reverse() }));
    expect(again).toEqual({ key: "pay:abc", transactionId: first.transactionId, existed: true });
    await expect(
      withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "pay:abc", event: "test", legs: [{ accountId: s.cash, amountMinor: 501n }, { accountId: s.revenue, amountMinor: -501n }] })),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await balanceOf(s.t.tenantId, s.cash)).toBe(500n);
  });

  it("one key posted by 20 concurrent callers is written once", async () => {
    const s = await setup();
    const legs = [{ accountId: s.cash, amountMinor: 700n }, { accountId: s.revenue, amountMinor: -700n }];
    const results = await Promise.all(Array.from({ length: 20 }, () => withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "race", event: "test", legs }))));
    expect(new Set(results.map((r) => r.transactionId)).size).toBe(1);
    expect(results.filter((r) => !r.existed)).toHaveLength(1);
    expect(await balanceOf(s.t.tenantId, s.cash)).toBe(700n);
  });

  it("a no-overdraft account cannot be drawn below zero, even by concurrent postings", async () => {
    const s = await setup();
    // Fund the wallet with 10.00, then 30 concurrent spends of 1.00: exactly 10 succeed.
    await withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "fund", event: "test", legs: [{ accountId: s.bank, amountMinor: 1000n }, { accountId: s.wallet, amountMinor: -1000n }] }));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: `spend:${i}`, event: "test", legs: [{ accountId: s.wallet, amountMinor: 100n }, { accountId: s.revenue, amountMinor: -100n }] })),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(10);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused.every((o) => (o.reason as { code?: string }).code === "CONFLICT")).toBe(true);
    expect(await balanceOf(s.t.tenantId, s.wallet)).toBe(0n);
    expect((await withTenant(s.t.tenantId, (tx) => reconcileLedger(tx, s.t.tenantId))).ok).toBe(true);
  });

  it("reverses a transaction once, with the legs negated", async () => {
    const s = await setup();
    const sale = await withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "sale", event: "test", legs: [{ accountId: s.cash, amountMinor: 250n }, { accountId: s.revenue, amountMinor: -250n }] }));
    const rev = await withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "sale:reverse", event: "test.reverse", reverses: sale.transactionId }));
    expect(rev.existed).toBe(false);
    expect(await balanceOf(s.t.tenantId, s.cash)).toBe(0n);
    // Same key again: the existing reversal. Another key: refused (reversed already).
    expect((await withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "sale:reverse", event: "test.reverse", reverses: sale.transactionId }))).existed).toBe(true);
    await expect(withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "sale:reverse2", event: "test.reverse", reverses: sale.transactionId }))).rejects.toMatchObject({ code: "CONFLICT" });
    // A reversal is final: only posted transactions are reversed.
    await expect(withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "rev:rev", event: "test", reverses: rev.transactionId }))).rejects.toThrow();
  });

  it("holds money in a pending transaction and posts or voids it exactly once", async () => {
    const s = await setup();
    await withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "fund", event: "test", legs: [{ accountId: s.bank, amountMinor: 1000n }, { accountId: s.wallet, amountMinor: -1000n }] }));
    const hold = (amount: bigint) => (key: string) =>
      withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key, event: "test.hold", pending: true, legs: [{ accountId: s.wallet, amountMinor: amount }, { accountId: s.revenue, amountMinor: -amount }] }));
    const h1 = await hold(600n)("hold:1");
    // The hold counts against the no-overdraft wallet: a second 600 hold does not fit.
    await expect(hold(600n)("hold:2")).rejects.toMatchObject({ code: "CONFLICT" });
    const wallet = () => withTenant(s.t.tenantId, (tx) => tx.ledgerAccount.findUniqueOrThrow({ where: { id: s.wallet } }));
    expect((await wallet()).pendingDebitsMinor).toBe(600n);
    // Post it (concurrently, twice under different keys): exactly one wins.
    const outcomes = await Promise.allSettled(["post:a", "post:b"].map((key) => withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key, event: "test.post", postPending: h1.transactionId }))));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await wallet()).toMatchObject({ balanceMinor: -400n, pendingDebitsMinor: 0n });
    await expect(withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "void:late", event: "test.void", voidPending: h1.transactionId }))).rejects.toThrow();
    // 400 left: a hold of 400 fits, is voided, and the money is free again.
    const h3 = await hold(400n)("hold:3");
    await withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "void:3", event: "test.void", voidPending: h3.transactionId }));
    expect(await wallet()).toMatchObject({ balanceMinor: -400n, pendingDebitsMinor: 0n });
    expect((await withTenant(s.t.tenantId, (tx) => reconcileLedger(tx, s.t.tenantId))).ok).toBe(true);
  });

  it("posts a batch with one balance update per account, and replays it as existing", async () => {
    const s = await setup();
    const batch = Array.from({ length: 500 }, (_, i) => ({
      key: `bill:${i}`,
      event: "test.bill",
      legs: [
        { accountId: s.cash, amountMinor: BigInt(i + 1) },
        { accountId: s.revenue, amountMinor: -BigInt(i + 1) },
      ],
    }));
    const first = await withTenant(s.t.tenantId, (tx) => postTransactions(tx, s.t.tenantId, batch));
    expect(first.every((r) => !r.existed)).toBe(true);
    const again = await withTenant(s.t.tenantId, (tx) => postTransactions(tx, s.t.tenantId, batch));
    expect(again.every((r) => r.existed)).toBe(true);
    expect(await balanceOf(s.t.tenantId, s.cash)).toBe(BigInt((500 * 501) / 2));
    const account = await withTenant(s.t.tenantId, (tx) => tx.ledgerAccount.findUniqueOrThrow({ where: { id: s.cash } }));
    expect(account.version).toBe(500n);
  });

  it("refuses another tenant's account and a tenant other than the transaction's", async () => {
    const a = await setup();
    const b = await setup();
    await expect(
      withTenant(a.t.tenantId, (tx) => postTransaction(tx, a.t.tenantId, { key: "x", event: "test", legs: [{ accountId: b.cash, amountMinor: 1n }, { accountId: a.revenue, amountMinor: -1n }] })),
    ).rejects.toThrow(/unknown account/);
    await expect(
      withTenant(a.t.tenantId, (tx) => postTransaction(tx, b.t.tenantId, { key: "x", event: "test", legs: [{ accountId: b.cash, amountMinor: 1n }, { accountId: b.revenue, amountMinor: -1n }] })),
    ).rejects.toThrow(/not the tenant/);
  });

  it("gives each customer a receivable and a credit account that cannot go negative", async () => {
    const s = await setup();
    const c = await makeCustomer(s.t.owner);
    const acc = await withTenant(s.t.tenantId, (tx) => customerAccounts(tx, s.t.tenantId, c.id, s.currency));
    const again = await withTenant(s.t.tenantId, (tx) => customerAccounts(tx, s.t.tenantId, c.id, s.currency));
    expect(again).toEqual(acc);
    await expect(
      withTenant(s.t.tenantId, (tx) => postTransaction(tx, s.t.tenantId, { key: "overdraw", event: "test", legs: [{ accountId: acc.credit, amountMinor: 1n }, { accountId: s.revenue, amountMinor: -1n }] })),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
