import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { can } from "@/lib/auth/permissions";
import { jobName } from "../job-names";

/** The latest runs of a job whose payload names this record (e.g. the disconnects of one customer). */
export async function listRunsAbout(actor: OperatorActor, jobId: string, field: string, value: string, limit = 5) {
  if (!can(actor, "customers:view")) return [];
  const runs = await withTenant(actor.tenantId, (tx) =>
    tx.jobRun.findMany({
      where: { tenantId: actor.tenantId, jobId, payload: { path: [field], equals: value } },
      orderBy: { queuedAt: "desc" },
      take: limit,
      select: { id: true, status: true, attempts: true, maxAttempts: true, lastError: true, queuedAt: true, finishedAt: true, payload: true },
    }),
  );
  return runs.map((r) => ({ ...r, jobName: jobName(jobId), reason: String((r.payload as Record<string, unknown>).reason ?? "") }));
}
