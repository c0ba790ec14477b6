import { withSystem } from "@/lib/db";

/**
 * Every router the schedule reconciles: active routers in API mode with API access, and routers we
 * still have items on (switched back to RADIUS: ours must go, or they would shadow RADIUS logins).
 */
export async function routersToReconcile(): Promise<{ routerId: string; tenantId: string }[]> {
  const rows = await withSystem("provisioning schedule: routers to reconcile", (tx) =>
    tx.$queryRaw<{ id: string; tenant_id: string }[]>`
      SELECT r.id::text AS id, r.tenant_id::text AS tenant_id FROM routers r
      WHERE (r.mode = 'API' AND r.status = 'ACTIVE' AND r.api_host IS NOT NULL AND r.api_username IS NOT NULL)
         OR EXISTS (SELECT 1 FROM router_sync_items i WHERE i.router_id = r.id)
      ORDER BY r.id`,
  );
  return rows.map((r) => ({ routerId: r.id, tenantId: r.tenant_id }));
}
