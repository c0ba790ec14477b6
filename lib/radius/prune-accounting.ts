// Retention for FreeRADIUS's two fast-growing tables. Closed sessions go after RADACCT_RETENTION_DAYS
// (180 by default), and only once the usage job has counted all their traffic: usage_daily keeps
// the history, so charts and data caps never lose a byte. The auth log goes after 30 days.
// Deletes run in small batches, each its own transaction, so FreeRADIUS never waits on a long lock.
import { withSystem, withTenant } from "@/lib/db";

export const DEFAULT_RADACCT_RETENTION_DAYS = 180;
export const RADPOSTAUTH_RETENTION_DAYS = 30;
export const RETENTION_BATCH = 5000;

const DAY_MS = 86_400_000;

export function radacctRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.RADACCT_RETENTION_DAYS);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_RADACCT_RETENTION_DAYS;
}

export type PruneOptions = { now?: Date; retentionDays?: number; batchSize?: number };

/**
 * Deletes the tenant's sessions that ended (and started) before the retention window and whose
 * counters the usage job has already added up (nothing left over in usage_seen), with their
 * usage_seen rows. A session never rolled up (the usage job was down for days) is kept.
 */
export async function pruneClosedSessions(tenantId: string, options: PruneOptions = {}): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.retentionDays ?? radacctRetentionDays()) * DAY_MS);
  const batch = options.batchSize ?? RETENTION_BATCH;
  let total = 0;
  for (;;) {
    // The start-time bound lets the (tenant_id, acctstarttime) index find the candidates.
    const [row] = await withTenant(tenantId, (tx) =>
      tx.$queryRaw<{ n: number }[]>`
        WITH doomed AS (
          SELECT a.radacctid, a.acctuniqueid FROM radacct a
          LEFT JOIN usage_seen s ON s.acctuniqueid = a.acctuniqueid
          WHERE a.tenant_id = ${tenantId}::uuid AND a.acctstarttime < ${cutoff} AND a.acctstoptime < ${cutoff}
            AND (a.username IS NULL OR (
              COALESCE(a.acctinputoctets, 0) <= COALESCE(s.bytes_in, 0)
              AND COALESCE(a.acctoutputoctets, 0) <= COALESCE(s.bytes_out, 0)
              AND COALESCE(a.acctsessiontime, 0) <= COALESCE(s.seconds, 0)))
          ORDER BY a.acctstarttime
          LIMIT ${batch}
        ),
        gone AS (DELETE FROM radacct a USING doomed d WHERE a.radacctid = d.radacctid RETURNING a.acctuniqueid),
        seen AS (DELETE FROM usage_seen s USING gone g WHERE s.acctuniqueid = g.acctuniqueid RETURNING 1)
        SELECT (SELECT count(*) FROM gone)::int AS n`,
    );
    const n = row?.n ?? 0;
    total += n;
    if (n < batch) return total;
  }
}

/**
 * Deletes auth-log rows older than 30 days, every tenant's at once (system scope). Ids grow with
 * time, so each batch reads the oldest rows by primary key and stops at the first recent one,
 * without a scan of the table or an index on the date.
 */
export async function pruneAuthLog(options: Omit<PruneOptions, "retentionDays"> = {}): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - RADPOSTAUTH_RETENTION_DAYS * DAY_MS);
  const batch = options.batchSize ?? RETENTION_BATCH;
  let total = 0;
  for (;;) {
    const [row] = await withSystem("retention: auth log older than 30 days", (tx) =>
      tx.$queryRaw<{ n: number }[]>`
        WITH head AS (SELECT id, authdate FROM radpostauth ORDER BY id LIMIT ${batch}),
        gone AS (DELETE FROM radpostauth p USING head h WHERE p.id = h.id AND h.authdate < ${cutoff} RETURNING 1)
        SELECT (SELECT count(*) FROM gone)::int AS n`,
    );
    const n = row?.n ?? 0;
    total += n;
    if (n < batch) return total;
  }
}
