// The commission report as CSV, XLSX or PDF (staff: every reseller; a reseller: its own tree).
import { exportCommissionReport } from "@/lib/resellers/commissions";
import { fileResponse, searchParamsOf } from "@/components/billing/lists/export-response";
import { withOperator } from "@/lib/next/route-handler";

export const GET = withOperator("customers:view", async ({ req, actor }) => {
  const p = searchParamsOf(req);
  const format = p.format === "xlsx" || p.format === "pdf" ? p.format : "csv";
  return fileResponse(await exportCommissionReport(actor, { from: p.from, to: p.to }, format));
});
