import type { Prisma } from "@/lib/db/generated/client";
import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import type { ListQuery, ListResult } from "@/lib/lists/list-query";
import { jobName } from "../job-names";
import { RUN_REQUESTED } from "../run-requested";

export const JOB_RUN_LIST_SPEC = {
  sortable: ["queuedAt", "jobId", "status", "attempts"] as const,
  defaultSort: "queuedAt",
  defaultDir: "desc" as const,
  filters: { status: ["QUEUED", "RUNNING", "RETRYING", "COMPLETED", "FAILED", "CANCELLED"] },
};

export type JobRunRow = {
  id: string;
  jobId: string;
  jobName: string;
  trigger: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  progressDone: number | null;
  progressTotal: number | null;
  durationMs: number | null;
  lastError: string | null;
  queuedAt: string;
};

export const ACTIVE_RUN_STATUSES = ["QUEUED", "RUNNING", "RETRYING"];

/** The tenant's job runs (platform runs have no tenant and never appear here). */
export async function listJobRuns(actor: OperatorActor, query: ListQuery): Promise<ListResult<JobRunRow> & { active: boolean }> {
  assertCan(actor, "jobs:view");
  const and: Prisma.JobRunWhereInput[] = [{ tenantId: actor.tenantId }];
  if (query.filters.status) and.push({ status: query.filters.status as Prisma.JobRunWhereInput["status"] });
  if (query.q) and.push({ OR: [{ jobId: { contains: query.q } }, { lastError: { contains: query.q, mode: "insensitive" } }] });
  const where = { AND: and };
  return withTenant(actor.tenantId, async (tx) => {
    const [total, rows, active, requested] = await Promise.all([
      tx.jobRun.count({ where }),
      tx.jobRun.findMany({ where, orderBy: [{ [query.sort]: query.dir }, { id: "asc" }], skip: query.skip, take: query.take }),
      tx.jobRun.count({ where: { tenantId: actor.tenantId, status: { in: ["QUEUED", "RUNNING", "RETRYING"] } } }),
      // A re-run asked for but not yet picked up by a worker: the page keeps refreshing for it.
      tx.outboxEvent.count({ where: { tenantId: actor.tenantId, name: RUN_REQUESTED, sentAt: null } }),
    ]);
    return {
      total,
      active: active + requested > 0,
      rows: rows.map((r) => ({
        id: r.id,
        jobId: r.jobId,
        jobName: jobName(r.jobId),
        trigger: r.trigger,
        status: r.status,
        attempts: r.attempts,
        maxAttempts: r.maxAttempts,
        progressDone: r.progressDone,
        progressTotal: r.progressTotal,
        durationMs: r.startedAt ? (r.finishedAt ?? new Date()).getTime() - r.startedAt.getTime() : null,
        lastError: r.lastError,
        queuedAt: r.queuedAt.toISOString(),
      })),
    };
  });
}
