// The chart of accounts, as code sees it: the accounts every tenant has (opened by PostgreSQL when
// the tenant is created, ledger_open_chart) and the per-customer and per-collector accounts opened
// on first use. Accounts are found by code; ids are what postings name.
import type { Tx } from "@/lib/db";

export type AccountType = "ASSET" | "LIABILITY" | "EQUITY" | "REVENUE" | "EXPENSE";

/** Accounts every tenant has from the start (see the ledger migration). */
export const SYSTEM_ACCOUNTS = {
  cash: "cash",
  bank: "bank",
  revenue: "revenue",
  discounts: "discounts",
  taxPayable: "tax_payable",
  rounding: "rounding",
  suspense: "suspense",
  refundsPayable: "refunds_payable",
  voucherLiability: "voucher_liability",
  commissionExpense: "commission_expense",
  commissionPayable: "commission_payable",
  openingBalance: "opening_balance",
} as const;
export type SystemAccount = keyof typeof SYSTEM_ACCOUNTS;

export interface AccountSpec {
  code: string;
  name: string;
  type: AccountType;
  currency: string;
  noOverdraft?: boolean;
  customerId?: string | null;
  operatorId?: string | null;
}

/** The account with this code, opened if it does not exist yet. */
export async function ensureAccount(tx: Tx, tenantId: string, spec: AccountSpec): Promise<string> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT ledger_ensure_account(${tenantId}::uuid, ${spec.code}, ${spec.name}, ${spec.type}::"LedgerAccountType", ${spec.currency},
      ${spec.noOverdraft ?? false}, ${spec.customerId ?? null}::uuid, ${spec.operatorId ?? null}::uuid) AS id`;
  return rows[0]!.id;
}

/** One of the tenant's standard accounts. */
export async function systemAccount(tx: Tx, tenantId: string, which: SystemAccount, currency: string): Promise<string> {
  const code = SYSTEM_ACCOUNTS[which];
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM ledger_accounts WHERE tenant_id = ${tenantId}::uuid AND code = ${code} AND currency = ${currency}`;
  if (rows[0]) return rows[0].id;
  // A tenant whose currency changed after its chart was opened: open the account in the new one.
  await tx.$executeRaw`SELECT ledger_open_chart(${tenantId}::uuid, ${currency})`;
  return systemAccount(tx, tenantId, which, currency);
}

/**
 * A customer's two accounts: receivable (what they owe: invoices issued minus payments applied)
 * and credit (money held for them: overpayments, prepaid balance), which can never go negative.
 */
export async function customerAccounts(tx: Tx, tenantId: string, customerId: string, currency: string): Promise<{ receivable: string; credit: string }> {
  const [receivable, credit] = await Promise.all([
    ensureAccount(tx, tenantId, { code: `customer_receivable:${customerId}`, name: "Customer receivable", type: "ASSET", currency, customerId }),
    ensureAccount(tx, tenantId, { code: `customer_credit:${customerId}`, name: "Customer credit", type: "LIABILITY", currency, customerId, noOverdraft: true }),
  ]);
  return { receivable, credit };
}

/** Cash in the hands of one collector (an operator who takes cash from customers). */
export async function collectorCashAccount(tx: Tx, tenantId: string, operatorId: string, currency: string): Promise<string> {
  return ensureAccount(tx, tenantId, { code: `cash:${operatorId}`, name: "Cash held by collector", type: "ASSET", currency, operatorId });
}

export interface CustomerAccountIds {
  receivable: string;
  credit: string;
}

/**
 * customerAccounts for many customers in one statement (the bill run's batches): the accounts
 * are opened where missing by ledger_ensure_customer_accounts. Customers of another tenant are
 * left out of the map.
 */
export async function customerAccountsInBulk(tx: Tx, tenantId: string, customerIds: string[], currency: string): Promise<Map<string, CustomerAccountIds>> {
  if (customerIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ customer_id: string; receivable_id: string; credit_id: string }[]>`
    SELECT customer_id, receivable_id, credit_id FROM ledger_ensure_customer_accounts(${tenantId}::uuid, ${currency}, ${customerIds}::uuid[])`;
  return new Map(rows.map((r) => [r.customer_id, { receivable: r.receivable_id, credit: r.credit_id }]));
}
