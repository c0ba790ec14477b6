// Money a customer has with us (customer credit: payments, overpayments, credit notes) goes to
// their open invoices, oldest first, in one ledger transaction (credit -> receivable). What is
// left stays as credit for the next invoice. The caller holds the customer's billing lock.
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { customerAccounts, postTransaction } from "@/lib/ledger";
import type { BillingContext } from "../billing-context";

export interface Allocation {
  invoiceId: string;
  amountMinor: bigint;
}

/** The customer's credit available to spend (minor units, >= 0). */
export async function availableCredit(tx: Tx, ctx: BillingContext, customerId: string): Promise<bigint> {
  const { credit } = await customerAccounts(tx, ctx.tenantId, customerId, ctx.currency);
  const rows = await tx.$queryRaw<{ available: bigint }[]>`
    SELECT (-balance_minor - pending_debits_minor)::bigint AS available FROM ledger_accounts WHERE id = ${credit}::uuid`;
  return rows[0]?.available ?? 0n;
}

/** What the customer owes on issued invoices (minor units). */
export async function openBalance(tx: Tx, ctx: BillingContext, customerId: string): Promise<bigint> {
  const rows = await tx.$queryRaw<{ open: bigint | null }[]>`
    SELECT sum(total_minor - paid_minor)::bigint AS open FROM invoices
     WHERE tenant_id = ${ctx.tenantId}::uuid AND customer_id = ${customerId}::uuid AND kind = 'INVOICE' AND status IN ('ISSUED', 'PARTIALLY_PAID')`;
  return rows[0]?.open ?? 0n;
}

export async function allocateCredit(tx: Tx, ctx: BillingContext, customerId: string, options: { paymentId?: string | null } = {}): Promise<Allocation[]> {
  let available = await availableCredit(tx, ctx, customerId);
  if (available <= 0n) return [];
  const open = await tx.invoice.findMany({
    where: { tenantId: ctx.tenantId, customerId, kind: "INVOICE", status: { in: ["ISSUED", "PARTIALLY_PAID"] } },
    orderBy: [{ issuedAt: "asc" }, { number: "asc" }],
    select: { id: true, totalMinor: true, paidMinor: true },
  });
  const allocations: Allocation[] = [];
  for (const invoice of open) {
    if (available <= 0n) break;
    const due = invoice.totalMinor - invoice.paidMinor;
    const amount = due < available ? due : available;
    if (amount <= 0n) continue;
    allocations.push({ invoiceId: invoice.id, amountMinor: amount });
    available -= amount;
  }
  if (allocations.length === 0) return [];
  const total = allocations.reduce((s, a) => s + a.amountMinor, 0n);
  const accounts = await customerAccounts(tx, ctx.tenantId, customerId, ctx.currency);
  const posted = await postTransaction(tx, ctx.tenantId, {
    key: `allocation:${randomUUID()}`,
    event: "payment.allocate",
    refType: "customer",
    refId: customerId,
    customerId,
    legs: [
      { accountId: accounts.credit, amountMinor: total },
      { accountId: accounts.receivable, amountMinor: -total },
    ],
  });
  await tx.paymentAllocation.createMany({
    data: allocations.map((a) => ({ tenantId: ctx.tenantId, invoiceId: a.invoiceId, customerId, paymentId: options.paymentId ?? null, amountMinor: a.amountMinor, transactionId: posted.transactionId })),
  });
  for (const a of allocations) await settleInvoice(tx, a.invoiceId, a.amountMinor);
  return allocations;
}

/** Moves an invoice's paid amount by `delta` and its status with it. */
export async function settleInvoice(tx: Tx, invoiceId: string, delta: bigint): Promise<void> {
  await tx.$executeRaw`
    UPDATE invoices SET paid_minor = paid_minor + ${delta},
           status = (CASE WHEN paid_minor + ${delta} >= total_minor THEN 'PAID' WHEN paid_minor + ${delta} > 0 THEN 'PARTIALLY_PAID' ELSE 'ISSUED' END)::"InvoiceStatus",
           updated_at = now()
     WHERE id = ${invoiceId}::uuid AND status <> 'VOID'`;
}
