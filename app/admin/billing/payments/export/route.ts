// The payment list as a file: the same filters as the page, every matching row.
import { parseBillingListQuery } from "@/lib/billing/lists/billing-list-query";
import { exportPayments, PAYMENT_ID_FILTERS, PAYMENT_LIST_SPEC } from "@/lib/billing/lists/list-payments";
import { fileResponse, searchParamsOf, formatOf } from "@/components/billing/lists/export-response";
import { withOperator } from "@/lib/next/route-handler";

export const GET = withOperator("billing:view", async ({ req, actor }) => {
  const params = searchParamsOf(req);
  return fileResponse(await exportPayments(actor, parseBillingListQuery(params, PAYMENT_LIST_SPEC, PAYMENT_ID_FILTERS), formatOf(params)));
});
