// Router health over the API: identity, version, board, uptime, CPU and memory, online/offline
// with history. Run by "Test connection" and by the health job every 5 minutes. The network call
// happens outside any database transaction; the result is written in a short one after.
import { withSystem, withTenant, type Tx } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { isRouterOsError } from "@/lib/routeros";
import { loadRouterAccess, ROUTER_ACCESS_SELECT, routerPool, routerTarget, type RouterAccessRow } from "./router-access";

export type HealthResult =
  | { ok: true; latencyMs: number; identity: string; version: string; board: string; uptimeSeconds: number; cpuLoad: number; freeMemory: number; totalMemory: number }
  | { ok: false; latencyMs: number; error: string; errorKind: string };

/** Asks the router; never throws for router trouble (that is the answer). */
export async function probeRouter(row: RouterAccessRow): Promise<HealthResult> {
  const target = routerTarget(row);
  if (!target) return { ok: false, latencyMs: 0, error: "No API access configured.", errorKind: "not-configured" };
  const started = performance.now();
  try {
    const h = await routerPool().api(target).health();
    return { ok: true, latencyMs: Math.round(performance.now() - started), ...h };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    if (isRouterOsError(error)) return { ok: false, latencyMs, error: error.message, errorKind: error.kind };
    return { ok: false, latencyMs, error: error instanceof Error ? error.message : String(error), errorKind: "error" };
  }
}

/** Stores one check: the router's current health and a history row. */
export async function recordHealth(tx: Tx, row: { id: string; tenantId: string }, result: HealthResult, at = new Date()): Promise<void> {
  await tx.routerHealthCheck.create({
    data: result.ok
      ? { tenantId: row.tenantId, routerId: row.id, at, ok: true, latencyMs: result.latencyMs, uptimeSeconds: result.uptimeSeconds, cpuLoad: result.cpuLoad, freeMemory: BigInt(result.freeMemory), totalMemory: BigInt(result.totalMemory) }
      : { tenantId: row.tenantId, routerId: row.id, at, ok: false, latencyMs: result.latencyMs, error: result.error.slice(0, 1000) },
  });
  await tx.router.update({
    where: { id: row.id },
    data: result.ok
      ? { health: "ONLINE", healthCheckedAt: at, lastSeenAt: at, healthError: null, identity: result.identity, rosVersion: result.version, board: result.board, uptimeSeconds: result.uptimeSeconds, cpuLoad: result.cpuLoad, freeMemory: BigInt(result.freeMemory), totalMemory: BigInt(result.totalMemory) }
      : { health: "OFFLINE", healthCheckedAt: at, healthError: result.error.slice(0, 1000) },
  });
}

/** "Test connection" on the router page. */
export async function testRouterConnection(actor: OperatorActor, id: string): Promise<HealthResult> {
  assertCan(actor, "routers:manage");
  const { row } = await loadRouterAccess(actor, id);
  const result = await probeRouter(row);
  await withTenant(actor.tenantId, (tx) => recordHealth(tx, row, result));
  return result;
}

/** The health job: every active router with API access, a few at a time. */
export async function checkAllRouters(options: { concurrency?: number; now?: Date } = {}): Promise<{ checked: number; online: number; offline: number }> {
  const rows = await withSystem("router health job: routers with API access", (tx) =>
    tx.router.findMany({ where: { status: "ACTIVE", apiHost: { not: null }, apiUsername: { not: null } }, select: ROUTER_ACCESS_SELECT, orderBy: { id: "asc" } }),
  );
  let online = 0;
  let next = 0;
  const at = options.now ?? new Date();
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++]!;
      const result = await probeRouter(row);
      if (result.ok) online++;
      await withSystem("router health job: record", (tx) => recordHealth(tx, row, result, at));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, rows.length) }, worker));
  return { checked: rows.length, online, offline: rows.length - online };
}
