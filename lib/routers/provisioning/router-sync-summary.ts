// What the router page shows about API-mode sync: the router's state and last run, its customers
// by state, and the drift list with each difference's customer.
import { isUuid, Prisma, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { DEFAULT_PROVISIONING_SETTINGS, type ProvisioningSettings } from "./desired-state";
import { isMenuName, MANAGED_MENUS } from "./managed-menus";
import type { DriftEntry } from "./provisioning.types";

export type SyncStateName = "PENDING" | "IN_SYNC" | "DRIFT" | "ERROR";

export type RouterSyncSummary = {
  routerId: string;
  mode: "RADIUS" | "API";
  hasApiAccess: boolean;
  syncState: SyncStateName;
  syncedAt: string | null;
  syncError: string | null;
  driftCount: number;
  /** A change waits for the reconciler. */
  pending: boolean;
  lastRun: { at: string; ms: number | null; writes: number | null; items: number | null } | null;
  customers: Record<SyncStateName, number> & { total: number };
  settings: ProvisioningSettings;
};

export type DriftRow = {
  key: string;
  menu: string;
  /** "PPP secret", "Simple queue"... */
  menuTitle: string;
  item: string;
  field: string;
  ours: string;
  router: string;
  customer: { id: string; name: string; username: string } | null;
};

const notFound = () => new AppError("NOT_FOUND", { userMessage: "Router not found." });

export async function getRouterSyncSummary(actor: OperatorActor, routerId: string): Promise<RouterSyncSummary> {
  assertCan(actor, "routers:view");
  if (!isUuid(routerId)) throw notFound();
  return withTenant(actor.tenantId, async (tx) => {
    const r = await tx.router.findFirst({
      where: { id: routerId, tenantId: actor.tenantId },
      select: { id: true, mode: true, apiHost: true, apiUsername: true, syncState: true, syncedAt: true, syncError: true, driftCount: true, provisioning: true },
    });
    if (!r) throw notFound();
    const counts = await tx.$queryRaw<{ state: SyncStateName; n: bigint }[]>`
      SELECT coalesce(s.state::text, 'PENDING') AS state, count(*) AS n
      FROM customers c LEFT JOIN customer_router_sync s ON s.customer_id = c.id AND s.router_id = c.router_id
      WHERE c.tenant_id = ${actor.tenantId}::uuid AND c.router_id = ${routerId}::uuid
      GROUP BY 1`;
    const customers = { PENDING: 0, IN_SYNC: 0, DRIFT: 0, ERROR: 0, total: 0 };
    for (const c of counts) {
      customers[c.state] = Number(c.n);
      customers.total += Number(c.n);
    }
    const p = r.provisioning;
    return {
      routerId: r.id,
      mode: r.mode,
      hasApiAccess: Boolean(r.apiHost && r.apiUsername),
      syncState: r.syncState,
      syncedAt: r.syncedAt?.toISOString() ?? null,
      syncError: r.syncError,
      driftCount: r.driftCount,
      pending: p ? p.changeSeq > p.claimedSeq : false,
      lastRun: p?.lastRunAt ? { at: p.lastRunAt.toISOString(), ms: p.lastRunMs, writes: p.lastRunWrites, items: p.lastRunItems } : null,
      customers,
      settings: p ? { allowedAddressList: p.allowedAddressList, arpInterface: p.arpInterface, dhcpServer: p.dhcpServer, hotspotServer: p.hotspotServer } : DEFAULT_PROVISIONING_SETTINGS,
    };
  });
}

/** Every difference the last run found on the router (first `limit`), with its customer. */
export async function listRouterDrift(actor: OperatorActor, routerId: string, options: { limit?: number } = {}): Promise<{ rows: DriftRow[]; total: number }> {
  assertCan(actor, "routers:view");
  if (!isUuid(routerId)) throw notFound();
  const limit = Math.min(Math.max(options.limit ?? 500, 1), 2000);
  return withTenant(actor.tenantId, async (tx) => {
    const router = await tx.router.findFirst({ where: { id: routerId, tenantId: actor.tenantId }, select: { id: true } });
    if (!router) throw notFound();
    const items = await tx.routerSyncItem.findMany({
      where: { routerId, tenantId: actor.tenantId, drift: { not: Prisma.DbNull } },
      select: { key: true, menu: true, customerId: true, drift: true },
      orderBy: { key: "asc" },
    });
    const withDrift = items.filter((i) => Array.isArray(i.drift) && i.drift.length > 0);
    const customerIds = [...new Set(withDrift.map((i) => i.customerId).filter((id): id is string => id !== null))];
    const customers = new Map(
      (await tx.customer.findMany({ where: { tenantId: actor.tenantId, id: { in: customerIds } }, select: { id: true, name: true, username: true } })).map((c) => [c.id, c]),
    );
    const rows: DriftRow[] = [];
    let total = 0;
    for (const i of withDrift) {
      for (const d of i.drift as unknown as DriftEntry[]) {
        total++;
        if (rows.length >= limit) continue;
        rows.push({
          key: i.key,
          menu: i.menu,
          menuTitle: isMenuName(i.menu) ? MANAGED_MENUS[i.menu].title : i.menu,
          item: d.item,
          field: d.field,
          ours: d.ours,
          router: d.router,
          customer: i.customerId ? (customers.get(i.customerId) ?? null) : null,
        });
      }
    }
    return { rows, total };
  });
}
