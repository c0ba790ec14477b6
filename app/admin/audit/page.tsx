import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { AUDIT_LIST_SPEC, listAuditLogs } from "@/lib/audit/list-audit-logs";
import { parseListQuery } from "@/lib/lists/list-query";
import { requireOperator } from "@/lib/next/actor";
import { getTenant } from "@/lib/tenants/get-tenant";

export const metadata: Metadata = { title: "Audit log" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "audit:view")) forbidden();
  const query = parseListQuery(await searchParams, AUDIT_LIST_SPEC);
  const [{ rows, total }, tenant] = await Promise.all([listAuditLogs(actor, query), getTenant(actor.tenantId)]);
  return (
    <div className="space-y-6">
      <PageHeader title="Audit log" description="Every change in your ISP: who, what, when and from where." />
      <AuditTable rows={rows} total={total} query={query} timeZone={tenant?.timezone ?? "UTC"} />
    </div>
  );
}
