// A reseller's wallet or commission statement as CSV, XLSX or PDF: its own (no operatorId), or,
// for staff and for a reseller's own sub-resellers, one it may read (lib/resellers decides).
import { exportOperatorStatement, STATEMENT_FORMATS, type StatementFormat } from "@/lib/resellers/operator-statement";
import { fileResponse, searchParamsOf } from "@/components/billing/lists/export-response";
import { withOperator } from "@/lib/next/route-handler";

export const GET = withOperator("customers:view", async ({ req, actor }) => {
  const p = searchParamsOf(req);
  const format: StatementFormat = (STATEMENT_FORMATS as readonly string[]).includes(p.format ?? "") ? (p.format as StatementFormat) : "csv";
  return fileResponse(await exportOperatorStatement(actor, p.operatorId || null, { account: p.account, from: p.from, to: p.to }, format));
});
