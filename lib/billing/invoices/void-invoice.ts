// Voiding an issued invoice that should never have been (wrong customer, duplicate): payments on
// it go back to the customer's credit (and on to their other open invoices), the issue posting
// is reversed, and the invoice keeps its number with status VOID. A credit note is the tool when
// the invoice was right but must be reduced.
import type { Tx } from "@/lib/db";
import type { Invoice } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { postTransaction } from "@/lib/ledger";
import { lockCustomerForBilling, type BillingContext } from "../billing-context";
import { allocateCredit } from "../payments/allocate-credit";
import { liveAllocations, unallocate } from "../payments/unallocate";

export async function voidInvoiceTx(tx: Tx, ctx: BillingContext, invoiceId: string, options: { reason: string; operatorId: string | null; at?: Date }): Promise<Invoice> {
  const found = await tx.invoice.findFirst({ where: { id: invoiceId, tenantId: ctx.tenantId } });
  if (!found) throw new AppError("NOT_FOUND", { userMessage: "Invoice not found." });
  await lockCustomerForBilling(tx, ctx.tenantId, found.customerId);
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  if (invoice.kind !== "INVOICE") throw new AppError("CONFLICT", { userMessage: "A credit note cannot be voided." });
  if (invoice.status === "VOID") return invoice;
  if (invoice.status === "DRAFT") throw new AppError("CONFLICT", { userMessage: "A draft is deleted, not voided." });
  const credits = await tx.invoice.count({ where: { creditedInvoiceId: invoice.id } });
  if (credits > 0) throw new AppError("CONFLICT", { userMessage: "This invoice has credit notes: credit the rest instead of voiding it." });

  await unallocate(tx, ctx, invoice.customerId, await liveAllocations(tx, ctx, { invoiceId: invoice.id }));
  const at = options.at ?? new Date();
  const reversal = invoice.issueTransactionId
    ? await postTransaction(tx, ctx.tenantId, {
        key: `invoice:${invoice.id}:void`,
        event: "invoice.void",
        memo: `Void of invoice ${invoice.number}: ${options.reason}`.slice(0, 500),
        refType: "invoice",
        refId: invoice.id,
        customerId: invoice.customerId,
        operatorId: options.operatorId,
        effectiveAt: at,
        reverses: invoice.issueTransactionId,
      })
    : null;
  // paid_minor is back to 0 after the unallocation; VOID freezes it there.
  const voided = await tx.invoice.update({
    where: { id: invoice.id },
    data: { status: "VOID", voidedAt: at, voidReason: options.reason, voidTransactionId: reversal?.transactionId ?? null },
  });
  await allocateCredit(tx, ctx, invoice.customerId);
  return voided;
}
