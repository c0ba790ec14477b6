import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { AutoRefresh } from "@/components/jobs/auto-refresh";
import { JobRunsTable } from "@/components/jobs/job-runs-table";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { JOB_RUN_LIST_SPEC, listJobRuns } from "@/lib/jobs/runs/list-job-runs";
import { parseListQuery } from "@/lib/lists/list-query";
import { requireOperator } from "@/lib/next/actor";
import { getTenant } from "@/lib/tenants/get-tenant";

export const metadata: Metadata = { title: "Jobs" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "jobs:view")) forbidden();
  const query = parseListQuery(await searchParams, JOB_RUN_LIST_SPEC);
  const [{ rows, total, active }, tenant] = await Promise.all([listJobRuns(actor, query), getTenant(actor.tenantId)]);
  return (
    <div className="space-y-6">
      <PageHeader title="Jobs" description="Background work for your ISP: what ran, when, how it went. Failed runs can be run again." />
      <AutoRefresh active={active} />
      <JobRunsTable rows={rows} total={total} query={query} timeZone={tenant?.timezone ?? "UTC"} />
    </div>
  );
}
