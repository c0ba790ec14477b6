// An invoice or credit note as lib/documents prints it, read for an operator who may see the
// customer's billing. Amounts are the stored ones: the PDF never recomputes the books.
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { isUuid, withTenant } from "@/lib/db";
import type { DocumentTenant, InvoiceDocument, TaxBreakdownRow } from "@/lib/documents/types";
import { AppError } from "@/lib/errors";
import { visibleCustomer } from "../billing-access";
import { documentFileName, documentTenant } from "./document-tenant";

export interface PrintableInvoice {
  document: InvoiceDocument;
  tenant: DocumentTenant;
  fileName: string;
}

/** 1500 thousandths -> "1.5"; 1000 -> "1". */
export function quantityText(milli: bigint): string {
  const sign = milli < 0n ? "-" : "";
  const abs = milli < 0n ? -milli : milli;
  const whole = abs / 1000n;
  const fraction = (abs % 1000n).toString().padStart(3, "0").replace(/0+$/, "");
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

const notFound = () => new AppError("NOT_FOUND", { userMessage: "Invoice not found." });

export async function getInvoiceDocument(actor: OperatorActor, invoiceId: string): Promise<PrintableInvoice> {
  assertCan(actor, "billing:view");
  if (!isUuid(invoiceId)) throw notFound();
  return withTenant(actor.tenantId, async (tx) => {
    const invoice = await tx.invoice.findFirst({ where: { id: invoiceId, tenantId: actor.tenantId }, include: { lines: { orderBy: { position: "asc" } } } });
    if (!invoice) throw notFound();
    const customer = await visibleCustomer(tx, actor, invoice.customerId).catch(() => {
      throw notFound();
    });
    const [tenant, credited] = await Promise.all([
      documentTenant(tx, actor.tenantId),
      invoice.creditedInvoiceId ? tx.invoice.findFirst({ where: { id: invoice.creditedInvoiceId, tenantId: actor.tenantId }, select: { number: true } }) : Promise.resolve(null),
    ]);
    const breakdown = new Map<number, TaxBreakdownRow>();
    for (const l of invoice.lines) {
      if (l.taxRateBp === 0 && l.taxMinor === 0n) continue;
      const row = breakdown.get(l.taxRateBp) ?? { rateBp: l.taxRateBp, netMinor: 0n, taxMinor: 0n };
      row.netMinor += l.netMinor;
      row.taxMinor += l.taxMinor;
      breakdown.set(l.taxRateBp, row);
    }
    const status = invoice.status.toLowerCase() as InvoiceDocument["status"];
    const document: InvoiceDocument = {
      kind: invoice.kind === "CREDIT_NOTE" ? "credit_note" : "invoice",
      number: invoice.number,
      status,
      issuedAt: invoice.issuedAt ?? invoice.createdAt,
      dueAt: invoice.kind === "INVOICE" ? invoice.dueAt : null,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      customer: { name: customer.name, username: customer.username, address: customer.address, email: customer.email, mobile: customer.mobile },
      lines: invoice.lines.map((l) => ({
        description: l.description,
        quantity: quantityText(l.quantityMilli),
        unitPriceMinor: l.unitPriceMinor,
        discountMinor: l.discountMinor,
        netMinor: l.netMinor,
        taxRateBp: l.taxRateBp,
        taxMinor: l.taxMinor,
        totalMinor: l.totalMinor,
      })),
      taxBreakdown: [...breakdown.values()].sort((a, b) => a.rateBp - b.rateBp),
      subtotalMinor: invoice.subtotalMinor,
      discountMinor: invoice.discountMinor,
      taxMinor: invoice.taxMinor,
      roundingMinor: invoice.roundingMinor,
      totalMinor: invoice.totalMinor,
      paidMinor: invoice.paidMinor,
      balanceMinor: invoice.status === "VOID" || invoice.kind === "CREDIT_NOTE" ? 0n : invoice.totalMinor - invoice.paidMinor,
      currency: invoice.currency,
      notes: invoice.notes,
      creditedInvoiceNumber: credited?.number ?? null,
    };
    const label = invoice.number ?? `draft-${invoice.id.slice(0, 8)}`;
    return { document, tenant, fileName: documentFileName(label, "pdf") };
  });
}
