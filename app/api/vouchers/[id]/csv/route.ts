// A ready batch's cards as CSV, for the batch's owner or the ISP's owner and admins (audited).
import { fileResponse } from "@/components/billing/lists/export-response";
import { withOperator } from "@/lib/next/route-handler";
import { exportBatchCsv } from "@/lib/vouchers/sheets";

export const GET = withOperator<{ id: string }>("customers:view", async ({ actor, params }) => fileResponse(await exportBatchCsv(actor, params.id)));
