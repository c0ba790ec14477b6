import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { jobName } from "../job-names";

export async function getJobRunOrThrow(actor: OperatorActor, id: string) {
  assertCan(actor, "jobs:view");
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Job run not found." });
  const run = await withTenant(actor.tenantId, (tx) =>
    tx.jobRun.findFirst({ where: { id, tenantId: actor.tenantId }, include: { steps: { orderBy: [{ position: "asc" }, { startedAt: "asc" }] } } }),
  );
  if (!run) throw new AppError("NOT_FOUND", { userMessage: "Job run not found." });
  return { ...run, jobName: jobName(run.jobId) };
}
