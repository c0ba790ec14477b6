// A customer's statement: every posted movement of its receivable and credit accounts, oldest
// first, one row per ledger transaction, with the running balance the customer owes (negative:
// in credit). Read straight from ledger_entries, so it can never disagree with the books.
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { isUuid, withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { visibleCustomer } from "../billing-access";
import { findCustomerAccounts } from "./customer-accounts-read";

/** Rows shown at most; older movements are summed into the opening balance. */
export const STATEMENT_MAX_ROWS = 500;

export interface StatementRow {
  transactionId: string;
  at: Date;
  event: string;
  memo: string | null;
  refType: string | null;
  refId: string | null;
  /** Change of what the customer owes on invoices (+ charged, - settled or reversed). */
  receivableMinor: bigint;
  /** Change of the money held for the customer (+ paid in, - spent or taken back). */
  creditMinor: bigint;
  /** Owed after this row: receivable minus credit held (negative = in credit). */
  balanceMinor: bigint;
}

export interface CustomerStatement {
  currency: string;
  /** Balance before the first row shown (0 unless older rows were left out). */
  openingMinor: bigint;
  /** Rows left out before the first one shown. */
  omitted: number;
  rows: StatementRow[];
  closingMinor: bigint;
}

export async function getCustomerStatement(actor: OperatorActor, customerId: string): Promise<CustomerStatement> {
  assertCan(actor, "billing:view");
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, actor, customerId);
    const { currency } = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true } });
    const accounts = await findCustomerAccounts(tx, actor.tenantId, customer.id, currency);
    const receivable = accounts.receivable?.id ?? null;
    const credit = accounts.credit?.id ?? null;
    if (!receivable && !credit) return { currency, openingMinor: 0n, omitted: 0, rows: [], closingMinor: 0n };
    const rows = await tx.$queryRaw<{ id: string; at: Date; event: string; memo: string | null; ref_type: string | null; ref_id: string | null; receivable: bigint; credit: bigint }[]>`
      SELECT t.id, t.effective_at AS at, t.event, t.memo, t.ref_type, t.ref_id::text AS ref_id,
             coalesce(sum(e.amount_minor) FILTER (WHERE e.account_id = ${receivable}::uuid), 0)::bigint AS receivable,
             coalesce(sum(-e.amount_minor) FILTER (WHERE e.account_id = ${credit}::uuid), 0)::bigint AS credit
        FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
       WHERE e.tenant_id = ${actor.tenantId}::uuid AND e.pending = false
         AND e.account_id IN (${receivable}::uuid, ${credit}::uuid)
       GROUP BY t.id, t.effective_at, t.event, t.memo, t.ref_type, t.ref_id
       ORDER BY t.effective_at, min(e.id)`;
    let balance = 0n;
    const all: StatementRow[] = rows.map((r) => {
      balance += r.receivable - r.credit;
      return { transactionId: r.id, at: r.at, event: r.event, memo: r.memo, refType: r.ref_type, refId: r.ref_id, receivableMinor: r.receivable, creditMinor: r.credit, balanceMinor: balance };
    });
    const omitted = Math.max(0, all.length - STATEMENT_MAX_ROWS);
    const shown = all.slice(omitted);
    const openingMinor = omitted ? all[omitted - 1]!.balanceMinor : 0n;
    return { currency, openingMinor, omitted, rows: shown, closingMinor: balance };
  });
}
