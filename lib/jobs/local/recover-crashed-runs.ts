// Poison-run protection. A run whose worker process died under it (an uncaught error in a router
// library, process.exit, out of memory) must not take the restarted worker down again and again,
// nor the other ISPs' runs that happened to share that process.
//  - Each such death counts as one attempt of the run (`crashes` says how many).
//  - A run that was alone in the dead process is guilty: when its attempts are spent it is FAILED
//    with "the worker process died while running this job (N times)" and its queue entry closed,
//    so no worker ever takes it again.
//  - A run that shared the process may be innocent: it is retried as a *suspect*, which a worker
//    runs alone (nothing else in that process meanwhile), so its next death is its own. It is never
//    failed on a shared death alone (one attempt more than its maximum at most).
import { withSystem, type Tx } from "@/lib/db";
import { BOSS_SCHEMA } from "./boss-schema";
import { isOwnLiveBeat, machineId, pidAlive, STALE_AFTER_SECONDS } from "../worker-heartbeat";

type DeadWorker = { id: string; fatalError: string | null };

/** Workers other than `selfId` that are gone: silent too long, or their pid is gone here. */
export async function findDeadWorkers(selfId: string | null, staleAfterSeconds = STALE_AFTER_SECONDS): Promise<DeadWorker[]> {
  return withSystem("job runner: find dead workers", async (tx) => {
    const beats = await tx.$queryRaw<{ id: string; machine: string; pid: number; stale: boolean; fatal_error: string | null }[]>`
      SELECT id::text, machine, pid, beat_at < now() - make_interval(secs => ${staleAfterSeconds}::double precision) AS stale, fatal_error
      FROM worker_heartbeats WHERE id::text IS DISTINCT FROM ${selfId}`;
    const here = machineId();
    // Same pid as ours: an earlier life of this pid, unless it is one of this process's drivers.
    const gone = (b: { id: string; pid: number }) => (b.pid === process.pid ? !isOwnLiveBeat(b.id) : !pidAlive(b.pid));
    const dead = beats.filter((b) => b.stale || (b.machine === here && gone(b)));
    // Runs left claimed by a worker whose row is gone altogether (removed as dead by someone else).
    const unknown = await tx.$queryRaw<{ worker_id: string }[]>`
      SELECT DISTINCT r.worker_id::text AS worker_id FROM job_runs r
      WHERE r.worker_id IS NOT NULL AND r.status IN ('QUEUED', 'RETRYING', 'RUNNING') AND r.worker_id::text IS DISTINCT FROM ${selfId}
        AND NOT EXISTS (SELECT 1 FROM worker_heartbeats h WHERE h.id = r.worker_id)`;
    return [...dead.map((b) => ({ id: b.id, fatalError: b.fatal_error })), ...unknown.map((u) => ({ id: u.worker_id, fatalError: null }))];
  });
}

export function crashMessage(crashes: number, fatalError: string | null): string {
  const text = `the worker process died while running this job (${crashes} ${crashes === 1 ? "time" : "times"})`;
  return fatalError ? `${text}: ${fatalError.slice(0, 1000)}` : text;
}

/** Closes a run's open queue entries and, for a retry, queues a fresh one (marked suspect). */
async function replaceQueueEntry(tx: Tx, runId: string, retryAfterSeconds: number | null, suspect = true): Promise<void> {
  const open = await tx.$queryRawUnsafe<{ id: string; name: string; retry_limit: number; retry_delay: number; retry_backoff: boolean; expire_seconds: number; policy: string | null }[]>(
    `UPDATE ${BOSS_SCHEMA}.job SET state = 'completed', completed_on = now(), output = '{"closed":"worker died"}'::jsonb
     WHERE data->>'runId' = $1 AND state IN ('created', 'retry', 'active')
     RETURNING id::text, name, retry_limit, retry_delay, retry_backoff, extract(epoch FROM expire_in)::int AS expire_seconds, policy`,
    runId,
  );
  const last = open[0];
  if (retryAfterSeconds === null || !last) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO ${BOSS_SCHEMA}.job (id, name, data, retry_limit, retry_delay, retry_backoff, expire_in, start_after, policy)
     VALUES (gen_random_uuid(), $1, $2::jsonb, $3, $4, $5, make_interval(secs => $6::double precision), now() + make_interval(secs => $7::double precision), $8)`,
    last.name,
    JSON.stringify(suspect ? { runId, suspect: true } : { runId }),
    last.retry_limit,
    last.retry_delay,
    last.retry_backoff,
    last.expire_seconds,
    retryAfterSeconds,
    last.policy,
  );
}

export type RecoveryResult = { failed: string[]; retried: string[] };

/**
 * Recovers the RUNNING runs of one dead worker and forgets the worker. Safe to call from several
 * workers at once: one of them does it (an advisory lock per dead worker).
 */
export async function recoverDeadWorker(dead: DeadWorker, options: { retryDelaySeconds?: number } = {}): Promise<RecoveryResult | null> {
  return withSystem("job runner: recover a dead worker's runs", async (tx) => {
    const lock = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext('job-worker:' || ${dead.id})) AS locked`;
    if (!lock[0]?.locked) return null;
    const claimed = await tx.$queryRaw<{ id: string; status: string; attempts: number; max_attempts: number; crashes: number }[]>`
      SELECT id::text, status::text, attempts, max_attempts, crashes FROM job_runs
      WHERE worker_id = ${dead.id}::uuid AND status IN ('QUEUED', 'RETRYING', 'RUNNING') FOR UPDATE`;
    const result: RecoveryResult = { failed: [], retried: [] };
    // Taken but not started (its handler never ran): innocent, queued again as it was.
    for (const run of claimed.filter((r) => r.status !== "RUNNING")) {
      await tx.$executeRaw`UPDATE job_runs SET worker_id = NULL WHERE id = ${run.id}::uuid`;
      await replaceQueueEntry(tx, run.id, 0, false);
      result.retried.push(run.id);
    }
    const runs = claimed.filter((r) => r.status === "RUNNING");
    const alone = runs.length === 1;
    for (const run of runs) {
      // Its key's lease (renewed by the dead process, up to timeoutSeconds long) goes with it.
      await tx.$executeRaw`DELETE FROM job_leases WHERE run_id = ${run.id}::uuid`;
      const crashes = run.crashes + 1;
      // The uncaught error is this run's only when it was alone in the process.
      const lastError = crashMessage(crashes, alone ? dead.fatalError : null);
      const spent = run.attempts >= run.max_attempts;
      if (spent && (alone || run.attempts > run.max_attempts)) {
        await tx.$executeRaw`
          UPDATE job_runs SET status = 'FAILED', finished_at = now(), crashes = ${crashes}, worker_id = NULL, last_error = ${lastError}
          WHERE id = ${run.id}::uuid`;
        await replaceQueueEntry(tx, run.id, null);
        result.failed.push(run.id);
      } else {
        await tx.$executeRaw`
          UPDATE job_runs SET status = 'RETRYING', crashes = ${crashes}, worker_id = NULL, last_error = ${lastError}
          WHERE id = ${run.id}::uuid`;
        await replaceQueueEntry(tx, run.id, (options.retryDelaySeconds ?? 5) * 2 ** Math.max(0, Math.min(crashes, 8) - 1));
        result.retried.push(run.id);
      }
    }
    await tx.$executeRaw`DELETE FROM worker_heartbeats WHERE id = ${dead.id}::uuid`;
    return result;
  });
}

/** Finds every dead worker and recovers its runs. */
export async function recoverCrashedRuns(selfId: string | null, options: { retryDelaySeconds?: number; staleAfterSeconds?: number } = {}): Promise<RecoveryResult> {
  const total: RecoveryResult = { failed: [], retried: [] };
  for (const dead of await findDeadWorkers(selfId, options.staleAfterSeconds)) {
    const r = await recoverDeadWorker(dead, options);
    total.failed.push(...(r?.failed ?? []));
    total.retried.push(...(r?.retried ?? []));
  }
  return total;
}
