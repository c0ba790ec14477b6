import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { CommissionReportView } from "@/components/resellers/commission-report-view";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";
import { commissionReport } from "@/lib/resellers/commissions";

export const metadata: Metadata = { title: "Commissions" };

export default async function CommissionsPage({ searchParams }: { searchParams: Promise<{ from?: string; to?: string }> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "billing:view")) forbidden();
  const report = await commissionReport(actor, await searchParams);
  return (
    <div className="space-y-6">
      <PageHeader title="Commissions" description="What each reseller and sub-reseller earned on their customers' payments to the ISP, and what is owed to them. Pay out from the reseller's page." />
      <CommissionReportView report={report} detailPath="/admin/operators" />
    </div>
  );
}
