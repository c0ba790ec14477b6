// Live view of a router over its API: active PPP and hotspot sessions with counters, disconnect,
// per-customer traffic, and the bandwidth page's queues (seed 004): set, change or remove a
// customer's limit now. Network calls run outside database transactions.
import { z } from "zod";
import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { customerVisibility } from "@/lib/customers/customer-visibility";
import { AppError } from "@/lib/errors";
import { formatRate, parseRate } from "@/lib/packages/speed";
import { isRouterOsError, ownerTag, parseOwnerTag, type RouterApi } from "@/lib/routeros";
import { loadRouterAccess, ROUTER_ACCESS_SELECT, routerPool, routerTarget } from "./router-access";

export type LiveSession = {
  kind: "ppp" | "hotspot";
  id: string;
  username: string;
  customerId: string | null;
  address: string | null;
  callerId: string | null;
  service: string | null;
  uptimeSeconds: number | null;
  /** Cumulative bytes to and from the customer; the page turns deltas into rates. */
  bytesDown: number | null;
  bytesUp: number | null;
};

export type LiveSnapshot = { at: string; sessions: LiveSession[] };

/** The router's API, or a clear error when it has none. */
async function routerApi(actor: OperatorActor, routerId: string): Promise<RouterApi> {
  const { target } = await loadRouterAccess(actor, routerId);
  return routerPool().api(target);
}

/** RouterOS item ids (`*1A`): anything else is refused before it reaches the router. */
function assertItemId(id: string, what: string): void {
  if (!/^\*[0-9A-F]+$/i.test(id)) throw new AppError("BAD_REQUEST", { userMessage: `Unknown ${what}.` });
}

/** Router trouble becomes a 502-style message the page can show, not a stack trace. */
function routerTrouble(error: unknown): never {
  if (isRouterOsError(error)) throw new AppError("UNAVAILABLE", { userMessage: `The router did not answer: ${error.message}` });
  throw error;
}

export async function getRouterLive(actor: OperatorActor, routerId: string): Promise<LiveSnapshot> {
  assertCan(actor, "routers:view");
  const api = await routerApi(actor, routerId);
  const [ppp, hotspot, interfaces] = await Promise.all([api.pppActive.list(), api.hotspotActive.list(), api.interfaces.list()]).catch(routerTrouble);
  const byInterface = new Map(interfaces.map((i) => [i.name, i]));
  const usernames = [...new Set([...ppp.map((s) => s.name), ...hotspot.map((s) => s.user)])];
  const customers = usernames.length
    ? await withTenant(actor.tenantId, (tx) => tx.customer.findMany({ where: { AND: [customerVisibility(actor), { username: { in: usernames } }] }, select: { id: true, username: true } }))
    : [];
  const customerOf = new Map(customers.map((c) => [c.username, c.id]));
  const sessions: LiveSession[] = [
    ...ppp.map((s) => {
      // The session's dynamic interface counts from the router's side: rx is the customer's upload.
      const iface = byInterface.get(`<${s.service ?? "pppoe"}-${s.name}>`);
      return {
        kind: "ppp" as const,
        id: s.id,
        username: s.name,
        customerId: customerOf.get(s.name) ?? null,
        address: s.address ?? null,
        callerId: s.callerId ?? null,
        service: s.service ?? null,
        uptimeSeconds: s.uptime ?? null,
        bytesDown: iface?.txByte ?? null,
        bytesUp: iface?.rxByte ?? null,
      };
    }),
    ...hotspot.map((s) => ({
      kind: "hotspot" as const,
      id: s.id,
      username: s.user,
      customerId: customerOf.get(s.user) ?? null,
      address: s.address ?? null,
      callerId: s.macAddress ?? null,
      service: "hotspot",
      uptimeSeconds: s.uptime ?? null,
      bytesDown: s.bytesOut ?? null,
      bytesUp: s.bytesIn ?? null,
    })),
  ];
  sessions.sort((a, b) => a.username.localeCompare(b.username));
  return { at: new Date().toISOString(), sessions };
}

export async function disconnectRouterSession(actor: OperatorActor, routerId: string, kind: string, sessionId: string): Promise<"done" | "not-found"> {
  assertCan(actor, "routers:manage");
  if (kind !== "ppp" && kind !== "hotspot") throw new AppError("BAD_REQUEST", { userMessage: "Unknown session kind." });
  assertItemId(sessionId, "session");
  const api = await routerApi(actor, routerId);
  const outcome = await (kind === "ppp" ? api.pppActive.disconnect(sessionId) : api.hotspotActive.logout(sessionId)).catch(routerTrouble);
  await withTenant(actor.tenantId, (tx) =>
    recordAudit(tx, { actor, action: "router.session_disconnect", targetType: "Router", targetId: routerId, after: { kind, sessionId, outcome } }),
  );
  return outcome;
}

// --- bandwidth control (seed 004) ------------------------------------------------------------

export type BandwidthRow = {
  queueId: string;
  name: string;
  target: string;
  maxLimit: string | null;
  disabled: boolean;
  /** Ours when it carries our tag: then this customer's limit was set here. */
  customerId: string | null;
  rateDown: number | null;
  rateUp: number | null;
};

const QUEUE_PREFIX = "isp-bw-";

export async function listBandwidth(actor: OperatorActor, routerId: string): Promise<{ at: string; queues: BandwidthRow[] }> {
  assertCan(actor, "routers:view");
  const api = await routerApi(actor, routerId);
  const queues = await api.queues.list().catch(routerTrouble);
  return {
    at: new Date().toISOString(),
    queues: queues.map((q) => {
      const tag = parseOwnerTag(q.comment ?? "");
      return {
        queueId: q.id,
        name: q.name,
        target: q.target,
        maxLimit: q.maxLimit ? readableLimit(q.maxLimit) : null,
        disabled: q.disabled ?? false,
        customerId: tag?.kind === "bw" ? tag.id : null,
        // Seen from the target: upload/download.
        rateUp: q.rate?.upload ?? null,
        rateDown: q.rate?.download ?? null,
      };
    }),
  };
}

/** "5000000/10000000" (how RouterOS reads limits back) as "5M/10M". */
function readableLimit(limit: string): string {
  return limit
    .split("/")
    .map((part) => (/^\d+$/.test(part) ? formatRate(BigInt(part)) : part))
    .join("/");
}

const limitSchema = z.object({
  customerId: z.uuid("Choose a customer."),
  download: z.string().trim().min(1, "Give a download rate, e.g. 10M."),
  upload: z.string().trim().min(1, "Give an upload rate, e.g. 2M."),
});

/**
 * Sets or changes an online customer's limit now: a simple queue on its current address, named
 * and tagged as ours. It holds until removed here (a package change does not touch it).
 */
export async function setCustomerLimit(actor: OperatorActor, routerId: string, input: z.input<typeof limitSchema>) {
  assertCan(actor, "routers:manage");
  const data = limitSchema.parse(input);
  const rates = { down: safeRate(data.download, "download"), up: safeRate(data.upload, "upload") };
  const customer = await withTenant(actor.tenantId, (tx) =>
    tx.customer.findFirst({ where: { AND: [customerVisibility(actor), { id: data.customerId }] }, select: { id: true, username: true } }),
  );
  if (!customer) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  const api = await routerApi(actor, routerId);
  const [ppp] = await api.pppActive.find({ name: customer.username }).catch(routerTrouble);
  const address = ppp?.address ?? (await api.hotspotActive.find({ user: customer.username }).catch(routerTrouble))[0]?.address;
  if (!address) throw new AppError("VALIDATION", { userMessage: `${customer.username} is not online on this router, so there is no address to limit.` });
  const maxLimit = `${formatRate(rates.up)}/${formatRate(rates.down)}`;
  const result = await api.queues
    .upsertBy("name", { name: `${QUEUE_PREFIX}${asciiName(customer.username)}`, target: `${address}/32`, maxLimit, comment: ownerTag("bw", customer.id) })
    .catch(routerTrouble);
  await withTenant(actor.tenantId, (tx) =>
    recordAudit(tx, { actor, action: "customer.bandwidth_set", targetType: "Customer", targetId: customer.id, after: { routerId, maxLimit, address, queue: result.action } }),
  );
  return { maxLimit, action: result.action };
}

export async function removeCustomerLimit(actor: OperatorActor, routerId: string, queueId: string) {
  assertCan(actor, "routers:manage");
  assertItemId(queueId, "queue");
  const api = await routerApi(actor, routerId);
  const queue = await api.queues.get(queueId).catch(routerTrouble);
  const tag = queue ? parseOwnerTag(queue.comment ?? "") : null;
  if (!queue || tag?.kind !== "bw") throw new AppError("NOT_FOUND", { userMessage: "That limit is not one set here (or it is gone already)." });
  const visible = await withTenant(actor.tenantId, (tx) => tx.customer.findFirst({ where: { AND: [customerVisibility(actor), { id: tag.id }] }, select: { id: true } }));
  if (!visible) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  await api.queues.remove(queueId).catch(routerTrouble);
  await withTenant(actor.tenantId, (tx) =>
    recordAudit(tx, { actor, action: "customer.bandwidth_remove", targetType: "Customer", targetId: tag.id, before: { routerId, maxLimit: queue.maxLimit } }),
  );
}

function safeRate(text: string, field: "download" | "upload"): bigint {
  const bps = parseRate(text);
  if (bps !== null && bps > 0n) return bps;
  throw new AppError("VALIDATION", { fieldErrors: { [field]: ["A rate like 512k, 10M or 1G."] } });
}

/** Queue names are ASCII on the router; usernames are ASCII already in practice. */
function asciiName(name: string): string {
  return name.replace(/[^\x21-\x7e]/g, "_");
}

// --- one customer's live traffic ---------------------------------------------------------------

export type TrafficReading = {
  at: string;
  online: boolean;
  routerName: string | null;
  /** Instant rates when the router measures them (PPP interface), else null: use byte deltas. */
  downBps: number | null;
  upBps: number | null;
  bytesDown: number | null;
  bytesUp: number | null;
  message?: string;
};

/**
 * The customer's current traffic: its open session's router (from accounting, else the router it
 * is assigned to), then the session's interface rate (monitor-traffic) or the hotspot counters.
 */
export async function getCustomerTraffic(actor: OperatorActor, customerId: string): Promise<TrafficReading> {
  assertCan(actor, "customers:view");
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  const found = await withTenant(actor.tenantId, async (tx) => {
    const customer = await tx.customer.findFirst({ where: { AND: [customerVisibility(actor), { id: customerId }] }, select: { id: true, username: true, routerId: true } });
    if (!customer) return null;
    const open = await tx.radAcct.findFirst({ where: { tenantId: actor.tenantId, username: customer.username, acctstoptime: null }, orderBy: { acctstarttime: "desc" }, select: { nasipaddress: true } });
    const where = open ? { nasIp: open.nasipaddress } : customer.routerId ? { id: customer.routerId } : null;
    const router = where ? await tx.router.findFirst({ where: { tenantId: actor.tenantId, ...where }, select: { ...ROUTER_ACCESS_SELECT, name: true } }) : null;
    return { customer, router };
  });
  if (!found) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  const at = new Date().toISOString();
  const none = { at, online: false, routerName: found.router?.name ?? null, downBps: null, upBps: null, bytesDown: null, bytesUp: null };
  const target = found.router ? routerTarget(found.router) : null;
  if (!target) return { ...none, message: found.router ? "The router has no API access." : "Not online." };
  const api = routerPool().api(target);
  try {
    const [ppp] = await api.pppActive.find({ name: found.customer.username });
    if (ppp) {
      const iface = `<${ppp.service ?? "pppoe"}-${ppp.name}>`;
      const [sample, ifaces] = await Promise.all([api.monitorTraffic(iface), api.interfaces.find({ name: iface })]);
      // From the router's side: tx goes to the customer.
      return { ...none, online: true, downBps: sample.txBitsPerSecond ?? null, upBps: sample.rxBitsPerSecond ?? null, bytesDown: ifaces[0]?.txByte ?? null, bytesUp: ifaces[0]?.rxByte ?? null };
    }
    const [hs] = await api.hotspotActive.find({ user: found.customer.username });
    if (hs) return { ...none, online: true, bytesDown: hs.bytesOut ?? null, bytesUp: hs.bytesIn ?? null };
    return { ...none, message: "Not online on this router." };
  } catch (error) {
    if (isRouterOsError(error)) return { ...none, message: `The router did not answer: ${error.message}` };
    throw error;
  }
}
