// A payment's receipt as lib/documents prints it: the amount, who collected it, the invoices it
// paid when it was recorded, the part kept as credit, and what the customer owed right after.
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { isUuid, withTenant } from "@/lib/db";
import type { DocumentTenant, ReceiptDocument } from "@/lib/documents/types";
import { AppError } from "@/lib/errors";
import { visibleCustomer } from "../billing-access";
import { documentFileName, documentTenant } from "./document-tenant";
import { findCustomerAccounts } from "./customer-accounts-read";

export interface PrintableReceipt {
  document: ReceiptDocument;
  tenant: DocumentTenant;
  fileName: string;
  /** A reversed payment's receipt is still printable; the caller may say so. */
  reversed: boolean;
}

const notFound = () => new AppError("NOT_FOUND", { userMessage: "Payment not found." });

export async function getReceiptDocument(actor: OperatorActor, paymentId: string): Promise<PrintableReceipt> {
  assertCan(actor, "billing:view");
  if (!isUuid(paymentId)) throw notFound();
  return withTenant(actor.tenantId, async (tx) => {
    const payment = await tx.payment.findFirst({ where: { id: paymentId, tenantId: actor.tenantId } });
    if (!payment) throw notFound();
    const customer = await visibleCustomer(tx, actor, payment.customerId).catch(() => {
      throw notFound();
    });
    const [tenant, collector, allocations, accounts] = await Promise.all([
      documentTenant(tx, actor.tenantId),
      payment.collectedById ? tx.operator.findFirst({ where: { id: payment.collectedById, tenantId: actor.tenantId }, select: { name: true } }) : Promise.resolve(null),
      // What this payment paid when it was recorded (undoing rows are negative and left out).
      tx.paymentAllocation.findMany({ where: { tenantId: actor.tenantId, paymentId: payment.id, reversesId: null, amountMinor: { gt: 0 } }, orderBy: { createdAt: "asc" }, include: { invoice: { select: { number: true } } } }),
      findCustomerAccounts(tx, actor.tenantId, customer.id, payment.currency),
    ]);
    const allocated = allocations.reduce((s, a) => s + a.amountMinor, 0n);
    // Owed right after: every posted movement of the customer's accounts up to this payment's
    // allocation (or the payment itself when nothing was allocated), in the order they were written.
    const lastTransactions = [payment.transactionId, ...allocations.map((a) => a.transactionId)];
    const ids = [accounts.receivable?.id, accounts.credit?.id].filter((id): id is string => Boolean(id));
    let balanceAfterMinor: bigint | null = null;
    if (ids.length) {
      const rows = await tx.$queryRaw<{ balance: bigint | null }[]>`
        SELECT sum(e.amount_minor)::bigint AS balance FROM ledger_entries e
         WHERE e.tenant_id = ${actor.tenantId}::uuid AND e.pending = false AND e.account_id = ANY(${ids}::uuid[])
           AND e.id <= (SELECT max(x.id) FROM ledger_entries x WHERE x.transaction_id = ANY(${lastTransactions}::uuid[]))`;
      balanceAfterMinor = rows[0]?.balance ?? 0n;
    }
    const document: ReceiptDocument = {
      number: payment.receiptNumber,
      receivedAt: payment.receivedAt,
      method: payment.method.toLowerCase(),
      reference: payment.reference,
      collectorName: collector?.name ?? null,
      customer: { name: customer.name, username: customer.username, address: customer.address, email: customer.email, mobile: customer.mobile },
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      allocations: allocations.map((a) => ({ invoiceNumber: a.invoice.number ?? "", amountMinor: a.amountMinor })),
      // Earlier credit may have been spent with it: the part of this payment kept is never below 0.
      creditMinor: payment.amountMinor > allocated ? payment.amountMinor - allocated : 0n,
      balanceAfterMinor,
      reversed: payment.status === "REVERSED" ? { at: payment.reversedAt ?? payment.createdAt, reason: payment.reversalReason } : null,
    };
    return { document, tenant, fileName: documentFileName(payment.receiptNumber, "pdf"), reversed: payment.status === "REVERSED" };
  });
}
