// What the router's "API & health" tab shows: the API access (no password), current health, the
// last day of health checks and the latest API interactions.
import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { toView, type RouterApiView } from "./router-api-settings";

export type RouterHealthView = {
  health: "UNKNOWN" | "ONLINE" | "OFFLINE";
  healthCheckedAt: string | null;
  lastSeenAt: string | null;
  healthError: string | null;
  identity: string | null;
  rosVersion: string | null;
  board: string | null;
  uptimeSeconds: number | null;
  cpuLoad: number | null;
  freeMemory: number | null;
  totalMemory: number | null;
};

export type HealthPoint = { at: string; ok: boolean; latencyMs: number | null; cpuLoad: number | null; memoryUsedPct: number | null; error: string | null };
export type ApiLogRow = { id: string; at: string; command: string; durationMs: number; ok: boolean; errorKind: string | null; message: string | null; rows: number | null };

export async function getRouterApi(actor: OperatorActor, id: string, options: { hours?: number; logLimit?: number } = {}) {
  assertCan(actor, "routers:view");
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
  const since = new Date(Date.now() - (options.hours ?? 24) * 3600_000);
  return withTenant(actor.tenantId, async (tx) => {
    const r = await tx.router.findFirst({ where: { id, tenantId: actor.tenantId } });
    if (!r) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
    const [checks, logs] = await Promise.all([
      tx.routerHealthCheck.findMany({ where: { tenantId: actor.tenantId, routerId: id, at: { gte: since } }, orderBy: { at: "asc" }, take: 2000 }),
      tx.routerApiLog.findMany({ where: { tenantId: actor.tenantId, routerId: id }, orderBy: { id: "desc" }, take: options.logLimit ?? 50 }),
    ]);
    const api: RouterApiView = toView(r);
    const health: RouterHealthView = {
      health: r.health,
      healthCheckedAt: r.healthCheckedAt?.toISOString() ?? null,
      lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
      healthError: r.healthError,
      identity: r.identity,
      rosVersion: r.rosVersion,
      board: r.board,
      uptimeSeconds: r.uptimeSeconds,
      cpuLoad: r.cpuLoad,
      freeMemory: r.freeMemory === null ? null : Number(r.freeMemory),
      totalMemory: r.totalMemory === null ? null : Number(r.totalMemory),
    };
    const history: HealthPoint[] = checks.map((c) => ({
      at: c.at.toISOString(),
      ok: c.ok,
      latencyMs: c.latencyMs,
      cpuLoad: c.cpuLoad,
      memoryUsedPct: c.totalMemory && c.freeMemory !== null ? Math.round((1 - Number(c.freeMemory) / Number(c.totalMemory)) * 100) : null,
      error: c.error,
    }));
    const log: ApiLogRow[] = logs.map((l) => ({ id: l.id.toString(), at: l.at.toISOString(), command: l.command, durationMs: l.durationMs, ok: l.ok, errorKind: l.errorKind, message: l.message, rows: l.rows }));
    return { api, health, history, log };
  });
}
