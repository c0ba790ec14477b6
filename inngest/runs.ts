// Mirrors Inngest runs into job_runs/job_steps so admins see the same run history whichever
// driver runs the jobs.
import { withSystem } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { AnyJobDefinition } from "@/lib/jobs/define-job";
import { createRun, runIdFor } from "@/lib/jobs/runs/create-run";

export function inngestRunKey(inngestRunId: string): string {
  return `inngest:${inngestRunId}`;
}

export async function recordRunStart(def: AnyJobDefinition, inngestRunId: string, payload: unknown, trigger: string, rerunOfId?: string) {
  return withSystem("inngest: run start", async (tx) => {
    const run = await createRun(tx, { definition: def, payload, trigger, idempotencyKey: inngestRunKey(inngestRunId), rerunOfId });
    const row = await tx.jobRun.update({
      where: { id: run.id },
      data: run.valid ? { status: "RUNNING", startedAt: new Date(), driverRef: inngestRunId } : { driverRef: inngestRunId },
    });
    return { id: row.id, tenantId: row.tenantId, valid: run.valid, error: row.lastError };
  });
}

export async function recordAttempt(runId: string, attempt: number) {
  await withSystem("inngest: attempt", (tx) => tx.jobRun.updateMany({ where: { id: runId }, data: { attempts: attempt, status: attempt > 1 ? "RUNNING" : undefined } }));
}

export async function recordStep(run: { id: string; tenantId: string | null }, stepId: string, position: number, output: unknown) {
  const json = output === undefined ? undefined : (JSON.parse(JSON.stringify(output)) as Prisma.InputJsonValue);
  await withSystem("inngest: step", (tx) =>
    tx.jobStep.upsert({
      where: { runId_stepId: { runId: run.id, stepId } },
      create: { runId: run.id, stepId, tenantId: run.tenantId, position, status: "COMPLETED", output: json, finishedAt: new Date() },
      update: { status: "COMPLETED", output: json, finishedAt: new Date() },
    }),
  );
}

export async function recordRunEnd(runId: string, result: { status: "COMPLETED" | "FAILED"; output?: unknown; error?: string }) {
  await withSystem("inngest: run end", (tx) =>
    tx.jobRun.updateMany({
      where: { id: runId },
      data: {
        status: result.status,
        finishedAt: new Date(),
        lastError: result.error ?? null,
        output: result.output === undefined ? undefined : (JSON.parse(JSON.stringify(result.output)) as Prisma.InputJsonValue),
      },
    }),
  );
}

export function runIdOfInngestRun(def: AnyJobDefinition, inngestRunId: string): string {
  return runIdFor(def.id, inngestRunKey(inngestRunId));
}
