// The invoice list as a file: the same filters as the page, every matching row.
import { parseBillingListQuery } from "@/lib/billing/lists/billing-list-query";
import { exportInvoices, INVOICE_ID_FILTERS, INVOICE_LIST_SPEC } from "@/lib/billing/lists/list-invoices";
import { fileResponse, searchParamsOf, formatOf } from "@/components/billing/lists/export-response";
import { withOperator } from "@/lib/next/route-handler";

export const GET = withOperator("billing:view", async ({ req, actor }) => {
  const params = searchParamsOf(req);
  return fileResponse(await exportInvoices(actor, parseBillingListQuery(params, INVOICE_LIST_SPEC, INVOICE_ID_FILTERS), formatOf(params)));
});
