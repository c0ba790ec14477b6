// A ready batch's cards as A4 sheets to print and cut (PDF), for the batch's owner or the ISP's
// owner and admins (audited).
import { fileResponse } from "@/components/billing/lists/export-response";
import { withOperator } from "@/lib/next/route-handler";
import { exportBatchPdf } from "@/lib/vouchers/sheets";

export const GET = withOperator<{ id: string }>("customers:view", async ({ actor, params }) => fileResponse(await exportBatchPdf(actor, params.id)));
