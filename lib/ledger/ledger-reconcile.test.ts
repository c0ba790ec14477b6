// The nightly reconciliation, end to end: a tenant whose cached balance was corrupted behind the
// ledger's back (as the migrator, who owns the table) is reported, recorded and audited, through
// "Run now" -> outbox -> the ledger.reconcile job; a clean tenant is recorded as balanced; old
// rows are pruned; the nightly fan-out asks one run per ISP per day; the overview formats exactly.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject, vi } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import type { AnyJobDefinition } from "@/lib/jobs/define-job";
import { relayTransactional } from "@/lib/jobs/outbox/relay";
import { startTestDriver, waitFor } from "@/lib/jobs/testing";
import { parseListQuery } from "@/lib/lists/list-query";
import { makeTenant } from "@/lib/testing/factories";
import { systemAccount } from "./accounts";
import { getLedgerOverview, LEDGER_ACCOUNT_LIST_SPEC } from "./get-ledger-overview";
import { ledgerReconcile, ledgerReconcileFanOut } from "./ledger.jobs";
import { postTransaction } from "./post";
import { LEDGER_RECONCILE_REQUESTED } from "./reconcile-events";
import { runLedgerReconciliation } from "./run-ledger-reconciliation";
import { runTenantReconciliation } from "./run-reconciliation";

const migrator = new pg.Client({ connectionString: inject("databaseUrl") });
beforeAll(() => migrator.connect());
afterAll(() => migrator.end());

/** A tenant with one cash sale of KES 1,234.50. */
async function bookWithSale() {
  const t = await makeTenant();
  const cash = await withTenant(t.tenantId, async (tx) => {
    const cash = await systemAccount(tx, t.tenantId, "cash", "KES");
    const revenue = await systemAccount(tx, t.tenantId, "revenue", "KES");
    await postTransaction(tx, t.tenantId, { key: "sale:1", event: "test.sale", legs: [{ accountId: cash, amountMinor: 123_450n }, { accountId: revenue, amountMinor: -123_450n }] });
    return cash;
  });
  return { ...t, cash };
}

const reconciliations = (tenantId: string) => withTenant(tenantId, (tx) => tx.ledgerReconciliation.findMany({ orderBy: { ranAt: "desc" } }));
const discrepancyAudits = (tenantId: string) => withTenant(tenantId, (tx) => tx.auditLog.findMany({ where: { action: "ledger.discrepancy" } }));

describe("ledger reconciliation job", () => {
  it("records a clean tenant as balanced, with amounts as strings, and audits nothing", async () => {
    const t = await bookWithSale();
    const summary = await runTenantReconciliation(t.tenantId);
    expect(summary).toMatchObject({ ok: true, discrepancies: 0, unbalancedTransactions: 0, transactions: 1 });
    const [row] = await reconciliations(t.tenantId);
    expect(row).toMatchObject({ id: summary.reconciliationId, ok: true, transactions: 1, discrepancies: [], unbalancedTransactions: [] });
    expect(row!.trialBalance).toEqual([{ currency: "KES", debitsMinor: "123450", creditsMinor: "123450", netMinor: "0" }]);
    expect(await discrepancyAudits(t.tenantId)).toEqual([]);
  });

  it("Run now on a corrupted book: the job records the discrepancy, logs it and audits it; a clean tenant stays ok", async () => {
    const bad = await bookWithSale();
    const clean = await bookWithSale();
    // Behind the ledger's back: the cached balance no longer matches the entries.
    await migrator.query("UPDATE ledger_accounts SET balance_minor = balance_minor + 1 WHERE id = $1", [bad.cash]);

    await runLedgerReconciliation(bad.owner);
    await runLedgerReconciliation(bad.owner); // a double click in the same minute: one run
    await runLedgerReconciliation(clean.owner);
    const events = await withSystem("test: outbox", (tx) => tx.outboxEvent.findMany({ where: { tenantId: bad.tenantId, name: LEDGER_RECONCILE_REQUESTED } }));
    expect(events).toHaveLength(1);

    const loud = vi.spyOn(console, "error").mockImplementation(() => {});
    const driver = await startTestDriver([ledgerReconcile] as unknown as AnyJobDefinition[]);
    try {
      await waitFor(async () => {
        await relayTransactional((tx, rows) => driver.deliver(tx, rows), 100, { names: driver.eventNames });
        const [a, b] = await Promise.all([reconciliations(bad.tenantId), reconciliations(clean.tenantId)]);
        return a.length && b.length;
      }, 30_000);
    } finally {
      await driver.stop();
    }

    const [row] = await reconciliations(bad.tenantId);
    expect(row!.ok).toBe(false);
    expect(row!.discrepancies).toEqual([
      expect.objectContaining({ accountId: bad.cash, code: "cash", cachedBalanceMinor: "123451", entriesBalanceMinor: "123450" }),
    ]);
    // The trial balance sums entries, which were not touched: still 0.
    expect(row!.trialBalance).toEqual([{ currency: "KES", debitsMinor: "123450", creditsMinor: "123450", netMinor: "0" }]);
    expect(loud.mock.calls.some((c) => String(c[0]).includes(`DISCREPANCY in tenant ${bad.tenantId}`))).toBe(true);
    loud.mockRestore();

    const audits = await discrepancyAudits(bad.tenantId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorKind: "SYSTEM", actorId: null, targetType: "LedgerReconciliation", targetId: row!.id });

    const [cleanRow] = await reconciliations(clean.tenantId);
    expect(cleanRow!.ok).toBe(true);
    expect(await discrepancyAudits(clean.tenantId)).toEqual([]);

    // The page shows the discrepancy on the account's normal side, cached vs computed.
    const overview = await getLedgerOverview(bad.owner, parseListQuery({}, LEDGER_ACCOUNT_LIST_SPEC));
    expect(overview.live.ok).toBe(false);
    expect(overview.latest?.discrepancies.map((d) => [d.code, d.cached, d.computed].join(" ").replaceAll("\u00a0", " "))).toEqual(["cash KES 1,234.51 KES 1,234.50"]);
  }, 60_000);

  it("prunes its own rows older than 90 days", async () => {
    const t = await bookWithSale();
    const now = new Date("2026-12-07T02:30:00Z");
    await runTenantReconciliation(t.tenantId, new Date(now.getTime() - 91 * 86_400_000));
    await runTenantReconciliation(t.tenantId, new Date(now.getTime() - 89 * 86_400_000));
    const summary = await runTenantReconciliation(t.tenantId, now);
    expect(summary.pruned).toBe(1);
    expect(await reconciliations(t.tenantId)).toHaveLength(2);
  });

  it("the nightly fan-out asks one run per ISP, keyed by ISP and day", async () => {
    const t = await makeTenant();
    const sent: { id: string; name: string; tenantId: string | null }[] = [];
    await ledgerReconcileFanOut.handler({
      payload: { scheduledAt: "2026-12-08T02:30:00.000Z" },
      runId: "test",
      attempt: 1,
      tenantId: null,
      step: { run: (_id, fn) => fn(), sendEvent: async (_id, events) => void sent.push(...events), progress: async () => {} },
    });
    expect(sent.find((e) => e.tenantId === t.tenantId)).toEqual({ id: `ledger-reconcile:${t.tenantId}:2026-12-08`, name: LEDGER_RECONCILE_REQUESTED, tenantId: t.tenantId, data: {} });
  });
});

describe("getLedgerOverview", () => {
  it("shows a balanced trial balance and the chart with balances on their normal side, filtered and searched", async () => {
    const t = await bookWithSale();
    const all = await getLedgerOverview(t.owner, parseListQuery({}, LEDGER_ACCOUNT_LIST_SPEC));
    expect(all.live.ok).toBe(true);
    expect(all.live.trialBalance.map((r) => ({ ...r, debits: r.debits.replaceAll("\u00a0", " ") }))).toEqual([
      expect.objectContaining({ currency: "KES", debits: "KES 1,234.50", netMinor: "0", balanced: true }),
    ]);
    expect(all.latest).toBeNull();
    const byCode = new Map(all.accounts.rows.map((r) => [r.code, r]));
    expect(byCode.get("cash")).toMatchObject({ balanceMinor: "123450", type: "ASSET" });
    expect(byCode.get("revenue")).toMatchObject({ balanceMinor: "-123450", type: "REVENUE" });
    // Revenue earned reads positive, like cash received.
    expect(byCode.get("revenue")!.balance.replaceAll("\u00a0", " ")).toBe("KES 1,234.50");

    const revenueOnly = await getLedgerOverview(t.owner, parseListQuery({ type: "REVENUE" }, LEDGER_ACCOUNT_LIST_SPEC));
    expect(revenueOnly.accounts.rows.map((r) => r.code)).toEqual(["revenue"]);
    const searched = await getLedgerOverview(t.owner, parseListQuery({ q: "PAYAB" }, LEDGER_ACCOUNT_LIST_SPEC));
    expect(searched.accounts.rows.map((r) => r.code)).toEqual(["commission_payable", "refunds_payable", "tax_payable"]);
  });
});
