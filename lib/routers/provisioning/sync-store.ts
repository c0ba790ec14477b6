// The reconciler's memory in PostgreSQL: items we own per router (router_sync_items), each
// customer's state on its router (customer_router_sync) and the router's own state. Written in
// bulk (unnest) and only where something changed, so a 10k-customer router with a handful of
// changes writes a handful of rows.
import type { Tx } from "@/lib/db";
import { isMenuName } from "./managed-menus";
import type { DriftEntry, Override, SyncRecord } from "./provisioning.types";

type RecordRow = { key: string; menu: string; customer_id: string | null; label: string; router_item_id: string | null; written: string; overrides: string | null; drift: string | null };

export async function loadSyncRecords(tx: Tx, routerId: string): Promise<Map<string, SyncRecord>> {
  const rows = await tx.$queryRaw<RecordRow[]>`
    SELECT key, menu, customer_id::text AS customer_id, label, router_item_id, written::text AS written, overrides::text AS overrides, drift::text AS drift
    FROM router_sync_items WHERE router_id = ${routerId}::uuid`;
  const records = new Map<string, SyncRecord>();
  for (const r of rows) {
    if (!isMenuName(r.menu)) continue;
    records.set(r.key, {
      key: r.key,
      menu: r.menu,
      customerId: r.customer_id,
      label: r.label,
      routerItemId: r.router_item_id,
      written: JSON.parse(r.written) as Record<string, string>,
      overrides: r.overrides ? (JSON.parse(r.overrides) as Record<string, Override>) : null,
      drift: r.drift ? (JSON.parse(r.drift) as DriftEntry[]) : null,
    });
  }
  return records;
}

export type RecordWrite = Omit<SyncRecord, "menu"> & { menu: string };

/**
 * Upserts records. A record an operator changed after `since` (a drift resolved while the run was
 * under way) is left alone: the run that resolution asked for takes it from there.
 */
export async function saveSyncRecords(tx: Tx, tenantId: string, routerId: string, records: RecordWrite[], since: Date): Promise<void> {
  for (let i = 0; i < records.length; i += 5000) {
    const chunk = records.slice(i, i + 5000);
    await tx.$executeRaw`
      INSERT INTO router_sync_items (tenant_id, router_id, key, menu, customer_id, label, router_item_id, written, overrides, drift, updated_at)
      SELECT ${tenantId}::uuid, ${routerId}::uuid, t.key, t.menu, t.customer_id::uuid, t.label, t.router_item_id, t.written::jsonb, t.overrides::jsonb, t.drift::jsonb, clock_timestamp()
      FROM unnest(
        ${chunk.map((r) => r.key)}::text[], ${chunk.map((r) => r.menu)}::text[], ${chunk.map((r) => r.customerId)}::text[], ${chunk.map((r) => r.label)}::text[],
        ${chunk.map((r) => r.routerItemId)}::text[], ${chunk.map((r) => JSON.stringify(r.written))}::text[],
        ${chunk.map((r) => (r.overrides ? JSON.stringify(r.overrides) : null))}::text[], ${chunk.map((r) => (r.drift?.length ? JSON.stringify(r.drift) : null))}::text[]
      ) AS t(key, menu, customer_id, label, router_item_id, written, overrides, drift)
      ON CONFLICT (router_id, key) DO UPDATE SET
        menu = EXCLUDED.menu, customer_id = EXCLUDED.customer_id, label = EXCLUDED.label, router_item_id = EXCLUDED.router_item_id,
        written = EXCLUDED.written, overrides = EXCLUDED.overrides, drift = EXCLUDED.drift, updated_at = EXCLUDED.updated_at
      WHERE router_sync_items.updated_at <= ${since}`;
  }
}

export async function deleteSyncRecords(tx: Tx, routerId: string, keys: string[]): Promise<void> {
  if (keys.length) await tx.$executeRaw`DELETE FROM router_sync_items WHERE router_id = ${routerId}::uuid AND key = ANY(${keys}::text[])`;
}

export type CustomerSyncRow = { customerId: string; state: string; error: string | null; drift: string | null };

export async function loadCustomerStates(tx: Tx, routerId: string): Promise<Map<string, CustomerSyncRow>> {
  const rows = await tx.$queryRaw<{ customer_id: string; state: string; error: string | null; drift: string | null }[]>`
    SELECT customer_id::text AS customer_id, state::text AS state, error, drift::text AS drift FROM customer_router_sync WHERE router_id = ${routerId}::uuid`;
  return new Map(rows.map((r) => [r.customer_id, { customerId: r.customer_id, state: r.state, error: r.error, drift: r.drift }]));
}

export type CustomerStateWrite = { customerId: string; state: "IN_SYNC" | "DRIFT" | "ERROR"; error: string | null; drift: DriftEntry[] };

/**
 * Writes customers' states. A customer marked PENDING after the run claimed its work (a change
 * this run did not see) stays PENDING for the run that change asked for.
 */
export async function saveCustomerStates(tx: Tx, tenantId: string, routerId: string, rows: CustomerStateWrite[], claimedAt: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await tx.$executeRaw`
      INSERT INTO customer_router_sync (tenant_id, customer_id, router_id, state, synced_at, error, drift, updated_at)
      SELECT ${tenantId}::uuid, t.customer_id::uuid, ${routerId}::uuid, t.state::"SyncState", now(), t.error, t.drift::jsonb, clock_timestamp()
      FROM unnest(${chunk.map((r) => r.customerId)}::text[], ${chunk.map((r) => r.state)}::text[], ${chunk.map((r) => r.error)}::text[], ${chunk.map((r) => (r.drift.length ? JSON.stringify(r.drift) : null))}::text[])
        AS t(customer_id, state, error, drift)
      ON CONFLICT (customer_id, router_id) DO UPDATE SET
        state = EXCLUDED.state, synced_at = EXCLUDED.synced_at, error = EXCLUDED.error, drift = EXCLUDED.drift, updated_at = EXCLUDED.updated_at
      WHERE NOT (customer_router_sync.state = 'PENDING' AND customer_router_sync.updated_at > ${claimedAt})`;
  }
}

export async function deleteCustomerStates(tx: Tx, routerId: string, customerIds: string[]): Promise<void> {
  if (customerIds.length) await tx.$executeRaw`DELETE FROM customer_router_sync WHERE router_id = ${routerId}::uuid AND customer_id = ANY(${customerIds}::uuid[])`;
}

/** Takes every change requested so far (changeSeq) as this run's; returns when, by the database's clock. */
export async function claimChanges(tx: Tx, tenantId: string, routerId: string): Promise<Date> {
  const [row] = await tx.$queryRaw<{ claimed_at: Date }[]>`
    INSERT INTO router_provisioning (router_id, tenant_id, updated_at) VALUES (${routerId}::uuid, ${tenantId}::uuid, now())
    ON CONFLICT (router_id) DO UPDATE SET claimed_seq = router_provisioning.change_seq, updated_at = now()
    RETURNING clock_timestamp() AS claimed_at`;
  return row!.claimed_at;
}

export type LiveChangeRow = { customerId: string; username: string; mode: "coa" | "disconnect" };

/** Customers on this router with a change their live session has yet to feel. */
export async function loadLiveChanges(tx: Tx, routerId: string): Promise<LiveChangeRow[]> {
  const rows = await tx.$queryRaw<{ customer_id: string; username: string; live_change: "coa" | "disconnect" }[]>`
    SELECT s.customer_id::text AS customer_id, c.username, s.live_change
    FROM customer_router_sync s JOIN customers c ON c.id = s.customer_id
    WHERE s.router_id = ${routerId}::uuid AND s.live_change IS NOT NULL`;
  return rows.map((r) => ({ customerId: r.customer_id, username: r.username, mode: r.live_change }));
}

/**
 * Clears the live changes carried out, unless a newer one came in after the run claimed its work
 * (that one's run does it again). Rows of customers no longer on the router, which recordRun kept
 * for this, go now.
 */
export async function finishLiveChanges(tx: Tx, routerId: string, done: string[], claimedAt: Date, stillHere: ReadonlySet<string>): Promise<void> {
  if (!done.length) return;
  await tx.$executeRaw`
    UPDATE customer_router_sync SET live_change = NULL, live_change_at = NULL
    WHERE router_id = ${routerId}::uuid AND customer_id = ANY(${done}::uuid[]) AND live_change_at <= ${claimedAt}`;
  const gone = done.filter((id) => !stillHere.has(id));
  if (gone.length) {
    await tx.$executeRaw`
      DELETE FROM customer_router_sync
      WHERE router_id = ${routerId}::uuid AND customer_id = ANY(${gone}::uuid[]) AND live_change IS NULL AND NOT (state = 'PENDING' AND updated_at > ${claimedAt})`;
  }
}
