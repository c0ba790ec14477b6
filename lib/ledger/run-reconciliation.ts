// One tenant's reconciliation, recorded: runs reconcileLedger, stores the result in
// ledger_reconciliations (what the ledger page shows as "latest run"), prunes rows past 90 days,
// and when the books disagree says so loudly (an error log line) and in the audit log as a SYSTEM
// action, so an ISP sees it even if nobody opens the page. Called by the ledger.reconcile job.
import type { Prisma } from "@/lib/db/generated/client";
import { withTenant, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { reconcileLedger, type Reconciliation } from "./reconcile";

export const RECONCILIATION_RETENTION_DAYS = 90;

/** What the job's step returns (JSON: stored with the run). */
export type ReconciliationSummary = {
  reconciliationId: string;
  ok: boolean;
  accounts: number;
  transactions: number;
  discrepancies: number;
  unbalancedTransactions: number;
  pruned: number;
};

/** A reconciliation as JSON: every amount a string of minor units. */
export function reconciliationJson(r: Reconciliation) {
  return {
    trialBalance: r.trialBalance.map((t) => ({ currency: t.currency, debitsMinor: t.debitsMinor.toString(), creditsMinor: t.creditsMinor.toString(), netMinor: t.netMinor.toString() })),
    discrepancies: r.discrepancies.map((d) => ({
      accountId: d.accountId,
      code: d.code,
      cachedBalanceMinor: d.cachedBalanceMinor.toString(),
      entriesBalanceMinor: d.entriesBalanceMinor.toString(),
      cachedPendingDebitsMinor: d.cachedPendingDebitsMinor.toString(),
      entriesPendingDebitsMinor: d.entriesPendingDebitsMinor.toString(),
      cachedPendingCreditsMinor: d.cachedPendingCreditsMinor.toString(),
      entriesPendingCreditsMinor: d.entriesPendingCreditsMinor.toString(),
    })),
    unbalancedTransactions: r.unbalancedTransactions,
  };
}

/** Reconciles and records in the caller's tenant transaction. */
export async function recordReconciliation(tx: Tx, tenantId: string, now = new Date()): Promise<ReconciliationSummary> {
  const started = performance.now();
  const result = await reconcileLedger(tx, tenantId);
  const json = reconciliationJson(result);
  const row = await tx.ledgerReconciliation.create({
    data: {
      tenantId,
      ranAt: now,
      ok: result.ok,
      accounts: result.accounts,
      transactions: result.transactions,
      trialBalance: json.trialBalance as Prisma.InputJsonValue,
      discrepancies: json.discrepancies as Prisma.InputJsonValue,
      unbalancedTransactions: json.unbalancedTransactions as Prisma.InputJsonValue,
      durationMs: Math.round(performance.now() - started),
    },
    select: { id: true },
  });
  const cutoff = new Date(now.getTime() - RECONCILIATION_RETENTION_DAYS * 86_400_000);
  const pruned = await tx.ledgerReconciliation.deleteMany({ where: { tenantId, ranAt: { lt: cutoff } } });
  if (!result.ok) {
    console.error(
      `[ledger] DISCREPANCY in tenant ${tenantId}: ${result.discrepancies.length} account(s) disagree with their entries` +
        ` (${result.discrepancies.map((d) => d.code).slice(0, 10).join(", ")}), ${result.unbalancedTransactions.length} unbalanced transaction(s),` +
        ` trial balance ${json.trialBalance.map((t) => `${t.currency} ${t.netMinor}`).join(", ") || "empty"}; reconciliation ${row.id}`,
    );
    await recordAudit(tx, {
      actor: { kind: "SYSTEM", tenantId, name: "Ledger reconciliation" },
      action: "ledger.discrepancy",
      targetType: "LedgerReconciliation",
      targetId: row.id,
      after: {
        trialBalance: json.trialBalance,
        discrepancies: json.discrepancies.slice(0, 50),
        unbalancedTransactions: json.unbalancedTransactions.slice(0, 50),
      },
    });
  }
  return {
    reconciliationId: row.id,
    ok: result.ok,
    accounts: result.accounts,
    transactions: result.transactions,
    discrepancies: result.discrepancies.length,
    unbalancedTransactions: result.unbalancedTransactions.length,
    pruned: pruned.count,
  };
}

/** One tenant, in its own transaction (the job's unit of work). */
export function runTenantReconciliation(tenantId: string, now = new Date()): Promise<ReconciliationSummary> {
  return withTenant(tenantId, (tx) => recordReconciliation(tx, tenantId, now));
}
