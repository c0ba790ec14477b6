// The outbox relay: takes undelivered events and hands them to the active driver. Two ways:
//  - transactional (local driver): runs are created and events marked sent in one transaction,
//    so each event is delivered exactly once;
//  - claimed (Inngest): a short transaction claims events for a lease, the HTTP send happens
//    outside any transaction with a timeout, then success or the error is recorded. A lost answer
//    means a resend with the same event id, which Inngest drops as a duplicate.
import { withSystem, type Tx } from "@/lib/db";
import { errorMessage } from "../runs/run-steps";

export type OutboxRow = { id: string; tenant_id: string | null; name: string; data: Record<string, unknown>; attempts: number };

const MAX_BACKOFF_SECONDS = 300;

export type RelayFilter = {
  /** Only these event names (tests run several drivers against one database). */
  names?: string[];
};

async function selectPending(tx: Tx, limit: number, filter: RelayFilter = {}): Promise<OutboxRow[]> {
  if (filter.names) {
    return tx.$queryRaw<OutboxRow[]>`
      SELECT id::text, tenant_id::text, name, data, attempts FROM outbox_events
      WHERE sent_at IS NULL AND next_attempt_at <= now() AND name = ANY(${filter.names}::text[])
      ORDER BY next_attempt_at, created_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
  }
  return tx.$queryRaw<OutboxRow[]>`
    SELECT id::text, tenant_id::text, name, data, attempts FROM outbox_events
    WHERE sent_at IS NULL AND next_attempt_at <= now()
    ORDER BY next_attempt_at, created_at
    LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`;
}

async function recordFailure(ids: string[], error: unknown): Promise<void> {
  const text = errorMessage(error).slice(0, 2000);
  await withSystem("outbox relay: record failure", (tx) =>
    tx.$executeRaw`
      UPDATE outbox_events SET attempts = attempts + 1, last_error = ${text},
        next_attempt_at = now() + make_interval(secs => LEAST(${MAX_BACKOFF_SECONDS}, power(2, attempts))::double precision)
      WHERE id = ANY(${ids}::uuid[])`,
  );
}

/** Delivers up to `batchSize` events inside one transaction. Returns how many were taken. */
export async function relayTransactional(deliver: (tx: Tx, rows: OutboxRow[]) => Promise<unknown>, batchSize = 100, filter: RelayFilter = {}): Promise<number> {
  try {
    return await withSystem("outbox relay", async (tx) => {
      const rows = await selectPending(tx, batchSize, filter);
      if (!rows.length) return 0;
      await deliver(tx, rows);
      await tx.$executeRaw`UPDATE outbox_events SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY(${rows.map((r) => r.id)}::uuid[])`;
      return rows.length;
    });
  } catch (batchError) {
    // One bad event must not hold the others back: retry them one by one and park the failures.
    const ids = await withSystem("outbox relay: pending ids", async (tx) => (await selectPending(tx, batchSize, filter)).map((r) => r.id));
    for (const id of ids) {
      try {
        await withSystem("outbox relay: single", async (tx) => {
          const [row] = await tx.$queryRaw<OutboxRow[]>`SELECT id::text, tenant_id::text, name, data, attempts FROM outbox_events WHERE id = ${id}::uuid AND sent_at IS NULL FOR UPDATE SKIP LOCKED`;
          if (!row) return;
          await deliver(tx, [row]);
          await tx.$executeRaw`UPDATE outbox_events SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ${id}::uuid`;
        });
      } catch (error) {
        await recordFailure([id], error);
      }
    }
    if (!ids.length) throw batchError;
    return ids.length;
  }
}

/** Claims events for `leaseSeconds`, sends them outside any transaction, records the result. */
export async function relayClaimed(
  send: (rows: OutboxRow[]) => Promise<void>,
  options: { batchSize?: number; leaseSeconds?: number } & RelayFilter = {},
): Promise<number> {
  const lease = options.leaseSeconds ?? 60;
  const rows = await withSystem("outbox relay: claim", async (tx) => {
    const pending = await selectPending(tx, options.batchSize ?? 100, options);
    if (pending.length) {
      await tx.$executeRaw`UPDATE outbox_events SET next_attempt_at = now() + make_interval(secs => ${lease}::double precision) WHERE id = ANY(${pending.map((r) => r.id)}::uuid[])`;
    }
    return pending;
  });
  if (!rows.length) return 0;
  const ids = rows.map((r) => r.id);
  try {
    await send(rows);
  } catch (error) {
    await recordFailure(ids, error);
    return rows.length;
  }
  await withSystem("outbox relay: sent", (tx) =>
    tx.$executeRaw`UPDATE outbox_events SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY(${ids}::uuid[])`,
  );
  return rows.length;
}
