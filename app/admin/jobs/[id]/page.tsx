import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { rerunJobRunAction } from "@/app/_actions/jobs";
import { AutoRefresh } from "@/components/jobs/auto-refresh";
import { formatDuration, JobProgress, JobStatusBadge } from "@/components/jobs/job-status";
import { RerunForm } from "@/components/jobs/rerun-form";
import { Breadcrumbs } from "@/components/panel-shell/breadcrumbs";
import { formatDateTime } from "@/components/format";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { getJobRunOrThrow } from "@/lib/jobs/runs/get-job-run";
import { ACTIVE_RUN_STATUSES } from "@/lib/jobs/runs/list-job-runs";
import { requireOperator } from "@/lib/next/actor";
import { getTenant } from "@/lib/tenants/get-tenant";
import { notFoundOn404 } from "@/lib/next/not-found";

export const metadata: Metadata = { title: "Job run" };

function ms(from: Date | null, to: Date | null): number | null {
  return from ? (to ?? new Date()).getTime() - from.getTime() : null;
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "jobs:view")) forbidden();
  const { id } = await params;
  const run = await getJobRunOrThrow(actor, id).catch(notFoundOn404);
  const tz = (await getTenant(actor.tenantId))?.timezone ?? "UTC";
  const active = ACTIVE_RUN_STATUSES.includes(run.status);
  return (
    <div className="space-y-6">
      <AutoRefresh active={active} />
      <Breadcrumbs items={[{ label: "Jobs", href: "/admin/jobs" }, { label: run.jobName }]} />
      <PageHeader title={run.jobName} description={`Run ${run.id}`} actions={<JobStatusBadge status={run.status} />} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Steps</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            <JobProgress done={run.progressDone} total={run.progressTotal} label="Run progress" />
            {run.steps.length === 0 ? (
              <p className="text-sm text-gray-600">No step has run yet.</p>
            ) : (
              <table className="w-full text-left text-sm">
                <thead className="text-xs uppercase text-gray-500">
                  <tr>
                    <th className="py-2">Step</th>
                    <th className="py-2">Status</th>
                    <th className="py-2 text-right">Attempts</th>
                    <th className="py-2 text-right">Duration</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-gray-100">
                  {run.steps.map((s) => (
                    <tr key={s.stepId}>
                      <td className="py-2 font-mono text-xs">
                        {s.stepId}
                        {s.error && <p className="mt-1 font-sans text-red-700">{s.error}</p>}
                      </td>
                      <td className="py-2">
                        <JobStatusBadge status={s.status} />
                      </td>
                      <td className="py-2 text-right">{s.attempts}</td>
                      <td className="py-2 text-right">{formatDuration(ms(s.startedAt, s.finishedAt))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Run</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4 text-sm">
            <dl className="space-y-2">
              <div>
                <dt className="text-gray-500">Trigger</dt>
                <dd className="font-mono text-xs">{run.trigger}</dd>
              </div>
              <div>
                <dt className="text-gray-500">Attempts</dt>
                <dd>
                  {run.attempts} of {run.maxAttempts}
                  {run.crashes > 0 && <span className="text-red-700"> ({run.crashes} ended with the worker process dead)</span>}
                </dd>
              </div>
              <div>
                <dt className="text-gray-500">Queued</dt>
                <dd>{formatDateTime(run.queuedAt, tz)}</dd>
              </div>
              <div>
                <dt className="text-gray-500">Duration</dt>
                <dd>{formatDuration(ms(run.startedAt, run.finishedAt))}</dd>
              </div>
              {run.lastError && (
                <div>
                  <dt className="text-gray-500">Last error</dt>
                  <dd className="text-red-700" data-testid="run-error">
                    {run.lastError}
                  </dd>
                </div>
              )}
            </dl>
            <details>
              <summary className="cursor-pointer text-indigo-700">Payload</summary>
              <pre className="mt-2 overflow-x-auto rounded bg-gray-50 p-2 text-xs">{JSON.stringify(run.payload, null, 2)}</pre>
            </details>
            {run.output != null && (
              <details>
                <summary className="cursor-pointer text-indigo-700">Output</summary>
                <pre className="mt-2 overflow-x-auto rounded bg-gray-50 p-2 text-xs">{JSON.stringify(run.output, null, 2)}</pre>
              </details>
            )}
            {run.status === "FAILED" && can(actor, "jobs:manage") && <RerunForm action={rerunJobRunAction} runId={run.id} />}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
