import type { Prisma } from "@/lib/db/generated/client";
import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { emitEvent } from "../outbox/emit-event";
import { RUN_REQUESTED } from "../run-requested";

/**
 * Asks for a failed run to be run again with the same payload. The request goes through the
 * outbox like any trigger; asking twice for the same retry makes one run.
 */
export async function rerunJobRun(actor: OperatorActor, runId: string): Promise<{ requested: boolean }> {
  assertCan(actor, "jobs:manage");
  if (!isUuid(runId)) throw new AppError("NOT_FOUND", { userMessage: "Job run not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const run = await tx.jobRun.findFirst({ where: { id: runId, tenantId: actor.tenantId } });
    if (!run) throw new AppError("NOT_FOUND", { userMessage: "Job run not found." });
    if (run.status !== "FAILED") throw new AppError("CONFLICT", { userMessage: "Only a failed run can be run again." });
    const previous = await tx.jobRun.count({ where: { tenantId: actor.tenantId, rerunOfId: run.id } });
    await emitEvent(tx, {
      id: `rerun:${run.id}:${previous + 1}`,
      name: RUN_REQUESTED,
      tenantId: actor.tenantId,
      data: { jobId: run.jobId, payload: run.payload as Prisma.InputJsonValue, rerunOfId: run.id },
    });
    await recordAudit(tx, { actor, action: "job.rerun", targetType: "JobRun", targetId: run.id, after: { jobId: run.jobId } });
    return { requested: true };
  });
}
