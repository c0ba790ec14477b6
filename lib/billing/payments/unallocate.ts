// Taking money back off invoices (a payment reversed, an invoice voided): each allocation undone
// by a negative allocation pointing at it (the table is append-only), the invoice's paid amount
// and status moved back, and the money returned to the customer's credit in one ledger posting.
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { customerAccounts, postTransaction } from "@/lib/ledger";
import type { BillingContext } from "../billing-context";
import { settleInvoice } from "./allocate-credit";

/** Allocations still in force (positive, not undone), newest first. */
export async function liveAllocations(tx: Tx, ctx: BillingContext, where: Prisma.PaymentAllocationWhereInput) {
  return tx.paymentAllocation.findMany({
    where: { AND: [where, { tenantId: ctx.tenantId, amountMinor: { gt: 0 } }], NOT: { id: { in: await undoneIds(tx, ctx, where) } } },
    orderBy: { createdAt: "desc" },
  });
}

async function undoneIds(tx: Tx, ctx: BillingContext, where: Prisma.PaymentAllocationWhereInput): Promise<string[]> {
  const undos = await tx.paymentAllocation.findMany({ where: { AND: [where, { tenantId: ctx.tenantId, reversesId: { not: null } }] }, select: { reversesId: true } });
  return undos.map((u) => u.reversesId!);
}

/** Undoes these allocations; returns the amount returned to credit. */
export async function unallocate(tx: Tx, ctx: BillingContext, customerId: string, allocations: { id: string; invoiceId: string; paymentId: string | null; amountMinor: bigint }[]): Promise<bigint> {
  if (allocations.length === 0) return 0n;
  const total = allocations.reduce((s, a) => s + a.amountMinor, 0n);
  const accounts = await customerAccounts(tx, ctx.tenantId, customerId, ctx.currency);
  const posted = await postTransaction(tx, ctx.tenantId, {
    key: `unallocation:${randomUUID()}`,
    event: "payment.unallocate",
    refType: "customer",
    refId: customerId,
    customerId,
    legs: [
      { accountId: accounts.receivable, amountMinor: total },
      { accountId: accounts.credit, amountMinor: -total },
    ],
  });
  await tx.paymentAllocation.createMany({
    data: allocations.map((a) => ({ tenantId: ctx.tenantId, invoiceId: a.invoiceId, customerId, paymentId: a.paymentId, amountMinor: -a.amountMinor, transactionId: posted.transactionId, reversesId: a.id })),
  });
  for (const a of allocations) await settleInvoice(tx, a.invoiceId, -a.amountMinor);
  return total;
}
