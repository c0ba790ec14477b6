// Proof that the books hold: per tenant and currency the trial balance (sum of every posted
// entry) is 0, every account's cached balance and pending holds equal what its entries say, and
// every transaction balances. Run by the nightly ledger.reconcile job, the admin ledger page and
// the property tests.
import type { Tx } from "@/lib/db";

export interface AccountDiscrepancy {
  accountId: string;
  code: string;
  cachedBalanceMinor: bigint;
  entriesBalanceMinor: bigint;
  cachedPendingDebitsMinor: bigint;
  entriesPendingDebitsMinor: bigint;
  cachedPendingCreditsMinor: bigint;
  entriesPendingCreditsMinor: bigint;
}

export interface Reconciliation {
  /** Sum of posted entries per currency: must be 0 for every currency. */
  trialBalance: { currency: string; debitsMinor: bigint; creditsMinor: bigint; netMinor: bigint }[];
  accounts: number;
  transactions: number;
  discrepancies: AccountDiscrepancy[];
  unbalancedTransactions: string[];
  ok: boolean;
}

export async function reconcileLedger(tx: Tx, tenantId: string): Promise<Reconciliation> {
  // Pending entries whose transaction was posted or voided no longer hold anything.
  const [trial, discrepancies, unbalanced, counts] = await Promise.all([
    tx.$queryRaw<{ currency: string; debits: bigint; credits: bigint; net: bigint }[]>`
      SELECT e.currency,
             coalesce(sum(e.amount_minor) FILTER (WHERE e.amount_minor > 0), 0)::bigint AS debits,
             coalesce(-sum(e.amount_minor) FILTER (WHERE e.amount_minor < 0), 0)::bigint AS credits,
             coalesce(sum(e.amount_minor), 0)::bigint AS net
        FROM ledger_entries e WHERE e.tenant_id = ${tenantId}::uuid AND NOT e.pending GROUP BY e.currency ORDER BY e.currency`,
    tx.$queryRaw<
      { id: string; code: string; balance: bigint; computed: bigint; pdr: bigint; cpdr: bigint; pcr: bigint; cpcr: bigint }[]
    >`
      WITH live_holds AS (
        SELECT e.account_id, e.amount_minor FROM ledger_entries e
         WHERE e.tenant_id = ${tenantId}::uuid AND e.pending
           AND NOT EXISTS (SELECT 1 FROM ledger_transactions r WHERE r.pending_id = e.transaction_id)
      ), sums AS (
        SELECT a.id,
               (SELECT coalesce(sum(e.amount_minor), 0) FROM ledger_entries e WHERE e.account_id = a.id AND NOT e.pending)::bigint AS computed,
               (SELECT coalesce(sum(h.amount_minor) FILTER (WHERE h.amount_minor > 0), 0) FROM live_holds h WHERE h.account_id = a.id)::bigint AS cpdr,
               (SELECT coalesce(-sum(h.amount_minor) FILTER (WHERE h.amount_minor < 0), 0) FROM live_holds h WHERE h.account_id = a.id)::bigint AS cpcr
          FROM ledger_accounts a WHERE a.tenant_id = ${tenantId}::uuid
      )
      SELECT a.id, a.code, a.balance_minor AS balance, s.computed, a.pending_debits_minor AS pdr, s.cpdr, a.pending_credits_minor AS pcr, s.cpcr
        FROM ledger_accounts a JOIN sums s ON s.id = a.id
       WHERE a.balance_minor <> s.computed OR a.pending_debits_minor <> s.cpdr OR a.pending_credits_minor <> s.cpcr
       ORDER BY a.code`,
    tx.$queryRaw<{ id: string }[]>`
      SELECT e.transaction_id::text AS id FROM ledger_entries e WHERE e.tenant_id = ${tenantId}::uuid
       GROUP BY e.transaction_id, e.currency HAVING sum(e.amount_minor) <> 0 LIMIT 100`,
    tx.$queryRaw<{ accounts: bigint; transactions: bigint }[]>`
      SELECT (SELECT count(*) FROM ledger_accounts WHERE tenant_id = ${tenantId}::uuid) AS accounts,
             (SELECT count(*) FROM ledger_transactions WHERE tenant_id = ${tenantId}::uuid) AS transactions`,
  ]);
  const trialBalance = trial.map((t) => ({ currency: t.currency, debitsMinor: t.debits, creditsMinor: t.credits, netMinor: t.net }));
  const result: Reconciliation = {
    trialBalance,
    accounts: Number(counts[0]?.accounts ?? 0),
    transactions: Number(counts[0]?.transactions ?? 0),
    discrepancies: discrepancies.map((d) => ({
      accountId: d.id,
      code: d.code,
      cachedBalanceMinor: d.balance,
      entriesBalanceMinor: d.computed,
      cachedPendingDebitsMinor: d.pdr,
      entriesPendingDebitsMinor: d.cpdr,
      cachedPendingCreditsMinor: d.pcr,
      entriesPendingCreditsMinor: d.cpcr,
    })),
    unbalancedTransactions: unbalanced.map((u) => u.id),
    ok: false,
  };
  result.ok = trialBalance.every((t) => t.netMinor === 0n) && result.discrepancies.length === 0 && result.unbalancedTransactions.length === 0;
  return result;
}
