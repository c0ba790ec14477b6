// Runs one attempt of a job run: takes its key's lease, replays completed steps from storage,
// runs the handler, and records the outcome. The driver decides what happens next (retry, defer).
import { withSystem } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { DEFAULT_TIMEOUT_SECONDS, isNonRetriable, type AnyJobDefinition } from "../define-job";
import { createStepTools, errorMessage, loadCompletedSteps } from "../runs/run-steps";
import { acquireLease, releaseLease, renewLease } from "./leases";

export type ExecuteOutcome =
  | { kind: "completed" }
  | { kind: "retry"; error: string }
  | { kind: "failed"; error: string }
  | { kind: "deferred"; jobId: string }
  | { kind: "skipped" };

const FINAL = new Set(["COMPLETED", "FAILED", "CANCELLED"]);

export type ExecutingWorker = {
  /** This process's worker_heartbeats id, recorded on the run while it runs. */
  id: string;
  /** Recovers the runs of `workerId` if that worker is dead; true when it was. */
  recoverIfDead?: (workerId: string) => Promise<boolean>;
};

export async function executeRun(runId: string, definitions: ReadonlyMap<string, AnyJobDefinition>, worker?: ExecutingWorker): Promise<ExecuteOutcome> {
  const run = await withSystem("job runner: load run", (tx) => tx.jobRun.findUnique({ where: { id: runId } }));
  if (!run || FINAL.has(run.status)) return { kind: "skipped" };
  // Still RUNNING under another worker: its queue entry expired first. If that worker died, the
  // death is counted (poison-run protection) and recovery queues the run afresh; not here.
  if (run.status === "RUNNING" && run.workerId && worker && run.workerId !== worker.id && (await worker.recoverIfDead?.(run.workerId))) {
    return { kind: "skipped" };
  }
  const def = definitions.get(run.jobId);
  if (!def) {
    const error = `no job is defined with id ${run.jobId}`;
    await finish(runId, { status: "FAILED", lastError: error });
    return { kind: "failed", error };
  }

  const leaseSeconds = Math.max(30, def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
  if (run.concurrencyKey && !(await acquireLease(run.concurrencyKey, run.id, leaseSeconds))) {
    if (worker) await claimRun(run.id, null);
    return { kind: "deferred", jobId: def.id };
  }
  const heartbeat = run.concurrencyKey
    ? setInterval(() => void renewLease(run.concurrencyKey!, run.id, leaseSeconds).catch(() => {}), (leaseSeconds * 1000) / 3)
    : undefined;
  heartbeat?.unref();

  try {
    const started = await withSystem("job runner: start", (tx) =>
      tx.jobRun.update({
        where: { id: run.id },
        data: { status: "RUNNING", attempts: { increment: 1 }, startedAt: run.startedAt ?? new Date(), workerId: worker?.id ?? null },
      }),
    );
    const memo = await loadCompletedSteps(run.id);
    const step = createStepTools({ id: run.id, tenantId: run.tenantId }, memo);
    try {
      const output = await def.handler({ payload: def.payload.parse(run.payload), runId: run.id, attempt: started.attempts, tenantId: run.tenantId, step });
      await finish(run.id, {
        status: "COMPLETED",
        lastError: null,
        output: output === undefined ? undefined : (JSON.parse(JSON.stringify(output)) as Prisma.InputJsonValue),
      });
      return { kind: "completed" };
    } catch (error) {
      const text = errorMessage(error);
      if (started.attempts >= started.maxAttempts || isNonRetriable(error)) {
        await finish(run.id, { status: "FAILED", lastError: text });
        return { kind: "failed", error: text };
      }
      await withSystem("job runner: will retry", (tx) => tx.jobRun.update({ where: { id: run.id }, data: { status: "RETRYING", lastError: text, workerId: null } }));
      return { kind: "retry", error: text };
    }
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    if (run.concurrencyKey) await releaseLease(run.concurrencyKey, run.id).catch(() => {});
  }
}

/**
 * Marks a run as taken by this worker (or by none), as soon as its queue entry is fetched: if the
 * process dies before the run starts (waiting for a suspect to finish, say), recovery queues it
 * again at once instead of leaving it to the queue entry's expiry. A run RUNNING under another
 * worker keeps that worker (executeRun finds out whether it is dead).
 */
export async function claimRun(runId: string, workerId: string | null): Promise<void> {
  await withSystem("job runner: claim", (tx) =>
    tx.$executeRaw`
      UPDATE job_runs SET worker_id = ${workerId}::uuid
      WHERE id = ${runId}::uuid AND status IN ('QUEUED', 'RETRYING', 'RUNNING')
        AND (status <> 'RUNNING' OR worker_id IS NULL OR worker_id = ${workerId}::uuid)`,
  );
}

async function finish(runId: string, data: { status: "COMPLETED" | "FAILED"; lastError: string | null; output?: Prisma.InputJsonValue }) {
  await withSystem("job runner: finish", (tx) => tx.jobRun.update({ where: { id: runId }, data: { ...data, workerId: null, finishedAt: new Date() } }));
}
