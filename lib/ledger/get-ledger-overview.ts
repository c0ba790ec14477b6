// What the admin ledger page shows, read in one tenant transaction: the live trial balance (a
// fresh reconcileLedger), the latest recorded reconciliation, and one page of the chart of
// accounts with balances on their normal side. Amounts leave here as strings (exact minor units
// and formatted text), never as numbers.
import type { Prisma } from "@/lib/db/generated/client";
import { withTenant, type Tx } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { type ListQuery, type ListResult } from "@/lib/lists/list-query";
import type { AccountType } from "./accounts";
import { formatMoney, normalBalance } from "./format-balance";
import { reconcileLedger } from "./reconcile";
import { reconciliationJson } from "./run-reconciliation";

export const LEDGER_ACCOUNT_TYPES = ["ASSET", "LIABILITY", "EQUITY", "REVENUE", "EXPENSE"] as const;

export const LEDGER_ACCOUNT_LIST_SPEC = {
  sortable: ["code", "name", "type", "balanceMinor"] as const,
  defaultSort: "code",
  defaultDir: "asc" as const,
  filters: { type: LEDGER_ACCOUNT_TYPES },
};

export type TrialBalanceRow = { currency: string; debits: string; credits: string; net: string; netMinor: string; balanced: boolean };

export type DiscrepancyRow = {
  accountId: string;
  code: string;
  /** Balances on the account's normal side, formatted. */
  cached: string;
  computed: string;
  /** Pending holds disagree too (or only they do). */
  pendingDiffers: boolean;
};

export type ReconciliationView = {
  ok: boolean;
  accounts: number;
  transactions: number;
  trialBalance: TrialBalanceRow[];
  discrepancies: DiscrepancyRow[];
  unbalancedTransactions: string[];
};

export type LatestReconciliation = ReconciliationView & { id: string; ranAt: string; durationMs: number };

export type LedgerAccountRow = {
  id: string;
  code: string;
  name: string;
  type: AccountType;
  currency: string;
  /** Debits minus credits, exact. */
  balanceMinor: string;
  /** On the normal side, formatted in the tenant's locale. */
  balance: string;
  pendingHolds: boolean;
};

export type LedgerOverview = {
  live: ReconciliationView;
  latest: LatestReconciliation | null;
  accounts: ListResult<LedgerAccountRow>;
};

type StoredTrial = { currency: string; debitsMinor: string; creditsMinor: string; netMinor: string };
type StoredDiscrepancy = {
  accountId: string;
  code: string;
  cachedBalanceMinor: string;
  entriesBalanceMinor: string;
  cachedPendingDebitsMinor: string;
  entriesPendingDebitsMinor: string;
  cachedPendingCreditsMinor: string;
  entriesPendingCreditsMinor: string;
};

function trialRows(rows: StoredTrial[], locale: string): TrialBalanceRow[] {
  return rows.map((t) => ({
    currency: t.currency,
    debits: formatMoney(BigInt(t.debitsMinor), t.currency, locale),
    credits: formatMoney(BigInt(t.creditsMinor), t.currency, locale),
    net: formatMoney(BigInt(t.netMinor), t.currency, locale),
    netMinor: t.netMinor,
    balanced: BigInt(t.netMinor) === 0n,
  }));
}

async function discrepancyRows(tx: Tx, rows: StoredDiscrepancy[], locale: string): Promise<DiscrepancyRow[]> {
  if (!rows.length) return [];
  const accounts = await tx.ledgerAccount.findMany({ where: { id: { in: rows.map((r) => r.accountId) } }, select: { id: true, type: true, currency: true } });
  const byId = new Map(accounts.map((a) => [a.id, a]));
  return rows.map((d) => {
    const account = byId.get(d.accountId);
    const show = (minor: string) => (account ? formatMoney(normalBalance(account.type, BigInt(minor)), account.currency, locale) : minor);
    return {
      accountId: d.accountId,
      code: d.code,
      cached: show(d.cachedBalanceMinor),
      computed: show(d.entriesBalanceMinor),
      pendingDiffers: d.cachedPendingDebitsMinor !== d.entriesPendingDebitsMinor || d.cachedPendingCreditsMinor !== d.entriesPendingCreditsMinor,
    };
  });
}

function accountWhere(tenantId: string, query: ListQuery): Prisma.LedgerAccountWhereInput {
  const and: Prisma.LedgerAccountWhereInput[] = [{ tenantId }];
  if (query.q) and.push({ OR: [{ code: { contains: query.q, mode: "insensitive" } }, { name: { contains: query.q, mode: "insensitive" } }] });
  if (query.filters.type) and.push({ type: query.filters.type as AccountType });
  return { AND: and };
}

export async function getLedgerOverview(actor: OperatorActor, query: ListQuery): Promise<LedgerOverview> {
  assertCan(actor, "billing:view");
  const tenantId = actor.tenantId;
  return withTenant(tenantId, async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { locale: true } });
    const locale = tenant.locale;
    const live = await reconcileLedger(tx, tenantId);
    const where = accountWhere(tenantId, query);
    const [latestRow, total, accounts] = await Promise.all([
      tx.ledgerReconciliation.findFirst({ where: { tenantId }, orderBy: { ranAt: "desc" } }),
      tx.ledgerAccount.count({ where }),
      tx.ledgerAccount.findMany({ where, orderBy: [{ [query.sort]: query.dir }, { id: "asc" }], skip: query.skip, take: query.take }),
    ]);
    const liveStored = reconciliationJson(live);
    const latest: LatestReconciliation | null = latestRow
      ? {
          id: latestRow.id,
          ranAt: latestRow.ranAt.toISOString(),
          durationMs: latestRow.durationMs,
          ok: latestRow.ok,
          accounts: latestRow.accounts,
          transactions: latestRow.transactions,
          trialBalance: trialRows(latestRow.trialBalance as StoredTrial[], locale),
          discrepancies: await discrepancyRows(tx, latestRow.discrepancies as StoredDiscrepancy[], locale),
          unbalancedTransactions: latestRow.unbalancedTransactions as string[],
        }
      : null;
    return {
      live: {
        ok: live.ok,
        accounts: live.accounts,
        transactions: live.transactions,
        trialBalance: trialRows(liveStored.trialBalance, locale),
        discrepancies: await discrepancyRows(tx, liveStored.discrepancies, locale),
        unbalancedTransactions: live.unbalancedTransactions,
      },
      latest,
      accounts: {
        total,
        rows: accounts.map((a) => ({
          id: a.id,
          code: a.code,
          name: a.name,
          type: a.type,
          currency: a.currency,
          balanceMinor: a.balanceMinor.toString(),
          balance: formatMoney(normalBalance(a.type, a.balanceMinor), a.currency, locale),
          pendingHolds: a.pendingDebitsMinor !== 0n || a.pendingCreditsMinor !== 0n,
        })),
      },
    };
  });
}
