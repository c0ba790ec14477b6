// The customer's two ledger accounts found for reading: a read must not open accounts (that is a
// write), so a customer who never had money moved simply has none, and a balance of zero.
import type { Tx } from "@/lib/db";

export interface CustomerLedgerAccounts {
  receivable: { id: string; balanceMinor: bigint } | null;
  credit: { id: string; balanceMinor: bigint } | null;
}

export async function findCustomerAccounts(tx: Tx, tenantId: string, customerId: string, currency: string): Promise<CustomerLedgerAccounts> {
  const rows = await tx.ledgerAccount.findMany({
    where: { tenantId, currency, code: { in: [`customer_receivable:${customerId}`, `customer_credit:${customerId}`] } },
    select: { id: true, code: true, balanceMinor: true },
  });
  const pick = (prefix: string) => {
    const row = rows.find((r) => r.code.startsWith(prefix));
    return row ? { id: row.id, balanceMinor: row.balanceMinor } : null;
  };
  return { receivable: pick("customer_receivable:"), credit: pick("customer_credit:") };
}
