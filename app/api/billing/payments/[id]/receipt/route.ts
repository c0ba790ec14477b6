// GET /api/billing/payments/<id>/receipt[?format=thermal80]: the payment's receipt as a PDF, A5
// for an office printer or an 80 mm roll, for operators who may see the customer's billing.
import { getReceiptDocument } from "@/lib/billing/statements/receipt-document";
import { renderReceiptPdf } from "@/lib/documents/receipt-pdf";
import { withOperator } from "@/lib/next/route-handler";
import { pdfResponse } from "../../../pdf-response";

export const GET = withOperator<{ id: string }>("billing:view", async ({ req, actor, params }) => {
  const format = new URL(req.url).searchParams.get("format") === "thermal80" ? "thermal80" : "a5";
  const printable = await getReceiptDocument(actor, params.id);
  return pdfResponse(await renderReceiptPdf(printable.document, printable.tenant, { format }), printable.fileName);
});
