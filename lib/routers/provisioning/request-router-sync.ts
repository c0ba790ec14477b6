// Called in the transaction of any change an API-mode router must see (a customer's network
// fields, a package, the router's mode): marks the customers PENDING and asks, through the outbox,
// for a reconcile of each router concerned. A burst of changes between two runs shares one event
// (its id names the router's last claimed change), so 100 edits make one run, not 100.
import type { Tx } from "@/lib/db";
import { emitEvents } from "@/lib/jobs/outbox/emit-event";
import type { LiveChangeMode } from "@/lib/radius/events";
import { ROUTER_SYNC_REQUESTED, type RouterSyncRequestedData } from "./provisioning.events";

export interface RouterSyncRequest {
  /** Routers to reconcile (e.g. a customer's old and new router); null/undefined are ignored. */
  routerIds: readonly (string | null | undefined)[];
  /** Customers whose state becomes PENDING on their (current) router. */
  customerIds?: readonly string[];
  /**
   * The change must reach the customers' live sessions now (lib/radius/live-change.ts decides):
   * the reconcile of each listed router ends their sessions there once the new state is written.
   */
  liveChange?: LiveChangeMode;
  reason: string;
}

/** Returns how many routers were asked to sync (only API-mode routers, or ones we still have items on). */
export async function requestRouterSync(tx: Tx, tenantId: string, request: RouterSyncRequest): Promise<number> {
  const routerIds = [...new Set(request.routerIds.filter((id): id is string => typeof id === "string"))];
  if (routerIds.length === 0) return 0;
  const rows = await tx.$queryRaw<{ router_id: string; claimed_seq: number }[]>`
    INSERT INTO router_provisioning (router_id, tenant_id, change_seq, updated_at)
    SELECT r.id, r.tenant_id, 1, now() FROM routers r
    WHERE r.tenant_id = ${tenantId}::uuid AND r.id = ANY(${routerIds}::uuid[])
      AND (r.mode = 'API' OR EXISTS (SELECT 1 FROM router_sync_items i WHERE i.router_id = r.id))
    ORDER BY r.id
    ON CONFLICT (router_id) DO UPDATE SET change_seq = router_provisioning.change_seq + 1, updated_at = now()
    RETURNING router_id::text AS router_id, claimed_seq`;
  if (rows.length === 0) return 0;
  if (request.customerIds?.length) {
    await tx.$executeRaw`
      INSERT INTO customer_router_sync (tenant_id, customer_id, router_id, state, updated_at)
      SELECT c.tenant_id, c.id, c.router_id, 'PENDING', clock_timestamp()
      FROM customers c JOIN routers r ON r.id = c.router_id AND r.mode = 'API'
      WHERE c.tenant_id = ${tenantId}::uuid AND c.id = ANY(${[...request.customerIds]}::uuid[])
      ON CONFLICT (customer_id, router_id) DO UPDATE SET state = 'PENDING', error = NULL, updated_at = clock_timestamp()`;
    if (request.liveChange) {
      // Also on a router the customer just left: its session there goes with its secret.
      // A pending disconnect is never weakened to a CoA.
      await tx.$executeRaw`
        UPDATE customer_router_sync SET
          live_change = CASE WHEN live_change = 'disconnect' OR ${request.liveChange} = 'disconnect' THEN 'disconnect' ELSE 'coa' END,
          live_change_at = clock_timestamp(), updated_at = clock_timestamp()
        WHERE tenant_id = ${tenantId}::uuid AND customer_id = ANY(${[...request.customerIds]}::uuid[]) AND router_id = ANY(${rows.map((r) => r.router_id)}::uuid[])`;
    }
  }
  await emitEvents(
    tx,
    rows.map((r) => {
      const data: RouterSyncRequestedData = { routerId: r.router_id, reason: request.reason };
      return { id: `routers-sync:${r.router_id}:${r.claimed_seq}`, name: ROUTER_SYNC_REQUESTED, tenantId, data };
    }),
  );
  return rows.length;
}

/** The API-mode routers serving customers of a package (a package change reaches their profiles or queues). */
export async function requestRouterSyncForPackage(tx: Tx, tenantId: string, packageId: string, reason: string): Promise<number> {
  const routers = await tx.$queryRaw<{ router_id: string }[]>`
    SELECT DISTINCT c.router_id::text AS router_id FROM customers c JOIN routers r ON r.id = c.router_id AND r.mode = 'API'
    WHERE c.tenant_id = ${tenantId}::uuid AND c.package_id = ${packageId}::uuid`;
  return requestRouterSync(tx, tenantId, { routerIds: routers.map((r) => r.router_id), reason });
}

type ProvisionedFields = {
  username: string;
  status: string;
  connectionType: string;
  packageId: string | null;
  expiresAt: Date | null;
  staticIp: string | null;
  macAddress: string | null;
  macLock: boolean;
  routerId: string | null;
  /** A lock for non-payment and a data cap change what the router holds (lib/customers/service-state.ts). */
  lockedAt?: Date | null;
  dataCapReachedAt?: Date | null;
};

/** Whether a customer change reaches what API mode puts on its router. */
export function provisioningChanged(before: ProvisionedFields, after: ProvisionedFields, facts: { passwordChanged: boolean }): boolean {
  if (facts.passwordChanged) return true;
  const keys: (keyof ProvisionedFields)[] = ["username", "status", "connectionType", "packageId", "staticIp", "macAddress", "macLock", "routerId"];
  const instants = ["expiresAt", "lockedAt", "dataCapReachedAt"] as const;
  return keys.some((k) => before[k] !== after[k]) || instants.some((k) => before[k]?.getTime() !== after[k]?.getTime());
}
