// How the app reaches a router's API: one connection pool per process (lib/routeros), targets
// built from the router's row (password unsealed here and nowhere else), and every interaction
// written to the router's log (router_api_logs) in small batches off the request path.
import type { OperatorActor } from "@/lib/audit/actor";
import { open } from "@/lib/crypto/secret-box";
import { isUuid, withSystem, withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createRouterPool, type Interaction, type RouterPool, type RouterTarget } from "@/lib/routeros";
import { refuseRouterAddress, routerAddressPolicy } from "./router-address-policy";

/** The router fields a target is built from (select exactly these). */
export const ROUTER_ACCESS_SELECT = {
  id: true,
  tenantId: true,
  apiHost: true,
  apiPort: true,
  apiTls: true,
  apiTlsMode: true,
  apiTlsCa: true,
  apiUsername: true,
  apiPasswordEnc: true,
} as const;

export type RouterAccessRow = {
  id: string;
  tenantId: string;
  apiHost: string | null;
  apiPort: number | null;
  apiTls: boolean;
  apiTlsMode: "VERIFY" | "INSECURE" | "ANONYMOUS";
  apiTlsCa: string | null;
  apiUsername: string | null;
  apiPasswordEnc: string | null;
};

/** Null when the router has no API access configured. */
export function routerTarget(row: RouterAccessRow): RouterTarget | null {
  if (!row.apiHost || !row.apiUsername) return null;
  logState().tenants.set(row.id, row.tenantId);
  return {
    id: row.id,
    host: row.apiHost,
    // Unset: the adapter's default, 8728 or 8729 with TLS.
    ...(row.apiPort ? { port: row.apiPort } : {}),
    username: row.apiUsername,
    password: row.apiPasswordEnc ? open(row.apiPasswordEnc) : "",
    tls: !row.apiTls
      ? false
      : row.apiTlsMode === "ANONYMOUS"
        ? { anonymous: true }
        : row.apiTlsMode === "INSECURE"
          ? { insecure: true }
          : row.apiTlsCa
            ? { ca: row.apiTlsCa }
            : {},
  };
}

/**
 * One of the actor's routers with its API target, for a request acting on it now: "not found"
 * for another ISP's id, a clear BAD_REQUEST when the router has no API access saved.
 */
export async function loadRouterAccess(actor: OperatorActor, routerId: string): Promise<{ row: RouterAccessRow & { name: string }; target: RouterTarget }> {
  const notFound = new AppError("NOT_FOUND", { userMessage: "Router not found." });
  if (!isUuid(routerId)) throw notFound;
  const row = await withTenant(actor.tenantId, (tx) =>
    tx.router.findFirst({ where: { id: routerId, tenantId: actor.tenantId }, select: { ...ROUTER_ACCESS_SELECT, name: true } }),
  );
  if (!row) throw notFound;
  const target = routerTarget(row);
  if (!target) throw new AppError("BAD_REQUEST", { userMessage: "This router has no API access. Add it on the API & health tab." });
  return { row, target };
}

// --- the pool and its log -------------------------------------------------------------------

const FLUSH_EVERY_MS = 1000;
const FLUSH_AT = 200;
/** A log that cannot be written (database down) is dropped beyond this, never blocks calls. */
const MAX_BUFFERED = 5000;

// On globalThis, like the pool: Next.js may load this module more than once per process (one copy
// per bundle), and the pool's log callback must see the tenants every copy registers.
type LogState = { buffer: Interaction[]; tenants: Map<string, string>; timer?: NodeJS.Timeout; flushing?: Promise<void> };
type Global = typeof globalThis & { __ispRouterPool?: RouterPool; __ispRouterLog?: LogState };

function logState(): LogState {
  const g = globalThis as Global;
  g.__ispRouterLog ??= { buffer: [], tenants: new Map() };
  return g.__ispRouterLog;
}

function record(interaction: Interaction) {
  const state = logState();
  if (state.buffer.length >= MAX_BUFFERED) state.buffer.shift();
  state.buffer.push(interaction);
  if (state.buffer.length >= FLUSH_AT) void flushRouterLog();
  else if (!state.timer) {
    state.timer = setTimeout(() => void flushRouterLog(), FLUSH_EVERY_MS);
    state.timer.unref();
  }
}

/** Writes buffered interactions now (tests and shutdown call it; a timer does otherwise). */
export async function flushRouterLog(): Promise<void> {
  const state = logState();
  if (state.timer) clearTimeout(state.timer);
  state.timer = undefined;
  await state.flushing;
  const batch = state.buffer.splice(0);
  const rows = batch.flatMap((i) => {
    const tenantId = state.tenants.get(i.routerId);
    return tenantId
      ? [{ tenantId, routerId: i.routerId, at: i.at, command: i.command.slice(0, 2000), durationMs: Math.round(i.durationMs), ok: i.ok, errorKind: i.errorKind ?? null, message: i.message?.slice(0, 2000) ?? null, rows: i.rows ?? null }]
      : [];
  });
  if (rows.length === 0) return;
  state.flushing = withSystem("router API interaction log", (tx) => tx.routerApiLog.createMany({ data: rows }))
    .then(() => undefined)
    .catch((error: unknown) => console.error(`[routeros] could not write ${rows.length} log entries: ${error instanceof Error ? error.message : String(error)}`));
  await state.flushing;
}

/** The process's pool: one connection per router, keepalive, deadlines, circuit breaker. */
export function routerPool(): RouterPool {
  const g = globalThis as Global;
  g.__ispRouterPool ??= createRouterPool({
    callTimeoutMs: Number(process.env.ROUTEROS_CALL_TIMEOUT_MS ?? 10_000),
    onInteraction: record,
    // Every address a router's host resolves to, at each connect (the environment read each time).
    checkAddress: (address) => refuseRouterAddress(address, routerAddressPolicy()),
  });
  return g.__ispRouterPool;
}
