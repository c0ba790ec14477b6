// A run whose queue entry is gone while the run still says QUEUED/RUNNING/RETRYING lost its worker
// for good (e.g. killed during its last attempt, after which pg-boss marks the job failed). Such
// runs are closed as FAILED, so they show up for a re-run instead of spinning for ever.
import { withSystem } from "@/lib/db";
import { BOSS_SCHEMA } from "./boss-schema";

export async function sweepOrphanedRuns(options: { olderThanSeconds?: number; limit?: number } = {}): Promise<number> {
  const age = options.olderThanSeconds ?? 120;
  const limit = options.limit ?? 100;
  return withSystem("job runner: sweep orphaned runs", (tx) =>
    tx.$executeRawUnsafe(
      `UPDATE job_runs SET status = 'FAILED', finished_at = now(),
         last_error = COALESCE(last_error || ' / ', '') || 'the worker stopped before the run finished and no retry is left'
       WHERE id IN (
         SELECT r.id FROM job_runs r
         WHERE r.status IN ('QUEUED', 'RUNNING', 'RETRYING')
           AND r.driver_ref IS NULL
           AND r.queued_at < now() - make_interval(secs => $1::double precision)
           AND NOT EXISTS (
             SELECT 1 FROM ${BOSS_SCHEMA}.job j
             WHERE j.data->>'runId' = r.id::text AND j.state IN ('created', 'retry', 'active')
           )
         LIMIT $2::int
       )`,
      age,
      limit,
    ),
  );
}
