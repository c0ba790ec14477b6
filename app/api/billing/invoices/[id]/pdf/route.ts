// GET /api/billing/invoices/<id>/pdf: the invoice or credit note as an A4 PDF, for operators who
// may see the customer's billing (billing:view, the customer visible); another tenant's id is 404.
import { getInvoiceDocument } from "@/lib/billing/statements/invoice-document";
import { renderInvoicePdf } from "@/lib/documents/invoice-pdf";
import { withOperator } from "@/lib/next/route-handler";
import { pdfResponse } from "../../../pdf-response";

export const GET = withOperator<{ id: string }>("billing:view", async ({ actor, params }) => {
  const printable = await getInvoiceDocument(actor, params.id);
  return pdfResponse(await renderInvoicePdf(printable.document, printable.tenant), printable.fileName);
});
