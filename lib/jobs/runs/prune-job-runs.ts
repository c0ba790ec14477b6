// Retention for the jobs layer's own records. Cron jobs write a run every few minutes (the expiry
// check every minute), so finished runs (their steps go with them) and delivered outbox events
// older than 30 days are deleted, in batches. Runs still queued, running or retrying are never
// touched, however old.
import { Prisma, withSystem } from "@/lib/db";

export const JOB_RUN_RETENTION_DAYS = 30;
const BATCH = 5000;
const DAY_MS = 86_400_000;

export type PruneJobRunsOptions = { now?: Date; retentionDays?: number; batchSize?: number };
export type PruneJobRunsResult = { runs: number; events: number };

/** One owner's rows: a tenant's, or the platform's (tenant_id NULL). Both use the tenant-first indexes. */
function owner(tenantId: string | null): Prisma.Sql {
  return tenantId ? Prisma.sql`tenant_id = ${tenantId}::uuid` : Prisma.sql`tenant_id IS NULL`;
}

async function deleteInBatches(reason: string, statement: (batch: number) => Prisma.Sql, batch: number): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await withSystem(reason, (tx) => tx.$queryRaw<{ n: number }[]>(statement(batch)));
    const n = row?.n ?? 0;
    total += n;
    if (n < batch) return total;
  }
}

/** Prunes one owner's finished runs and sent events (system scope: platform rows have no tenant). */
export async function pruneJobRuns(tenantId: string | null, options: PruneJobRunsOptions = {}): Promise<PruneJobRunsResult> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.retentionDays ?? JOB_RUN_RETENTION_DAYS) * DAY_MS);
  const batchSize = options.batchSize ?? BATCH;
  const runs = await deleteInBatches(
    "retention: finished job runs",
    (batch) => Prisma.sql`
      WITH doomed AS (
        SELECT id FROM job_runs
        WHERE ${owner(tenantId)} AND queued_at < ${cutoff} AND finished_at < ${cutoff}
          AND status IN ('COMPLETED', 'FAILED', 'CANCELLED')
        ORDER BY queued_at LIMIT ${batch}
      ),
      gone AS (DELETE FROM job_runs r USING doomed d WHERE r.id = d.id RETURNING 1)
      SELECT (SELECT count(*) FROM gone)::int AS n`,
    batchSize,
  );
  const events = await deleteInBatches(
    "retention: delivered outbox events",
    (batch) => Prisma.sql`
      WITH doomed AS (
        SELECT id FROM outbox_events
        WHERE ${owner(tenantId)} AND created_at < ${cutoff} AND sent_at < ${cutoff}
        ORDER BY created_at LIMIT ${batch}
      ),
      gone AS (DELETE FROM outbox_events e USING doomed d WHERE e.id = d.id RETURNING 1)
      SELECT (SELECT count(*) FROM gone)::int AS n`,
    batchSize,
  );
  return { runs, events };
}
