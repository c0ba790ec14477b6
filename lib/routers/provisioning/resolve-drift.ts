// An operator's answer to drift (a router item of ours edited by hand):
//   restore: ours goes back on the router (we forget what we last wrote, so the next run writes it);
//   accept:  the router's value stays. Where it mirrors a customer column (an address, a MAC, the
//            MAC lock) the customer takes it, so router and database agree again; anywhere else it
//            is kept as an accepted override until our own value for that field changes.
// Either way the router is reconciled at once through the outbox.
import { isIPv4 } from "node:net";
import { isUuid, withTenant, type Tx } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { normalizeMac } from "@/lib/radius/normalize-mac";
import { projectCustomer } from "@/lib/radius/project-customer";
import { isMenuName, MANAGED_MENUS, type CustomerColumn } from "./managed-menus";
import type { DriftEntry, Override } from "./provisioning.types";
import { resolveDriftSchema, type ResolveDriftInput } from "./provisioning.schema";
import { requestRouterSync } from "./request-router-sync";

export type DriftAction = "restore" | "accept";

const gone = () => new AppError("NOT_FOUND", { userMessage: "This difference is no longer there. The page may be out of date." });

export async function resolveDrift(actor: OperatorActor, input: ResolveDriftInput): Promise<{ resolved: number }> {
  assertCan(actor, "routers:manage");
  const data = resolveDriftSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const router = await tx.router.findFirst({ where: { id: data.routerId, tenantId: actor.tenantId }, select: { id: true } });
    if (!router) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
    const resolved = await resolveItem(tx, actor, data.routerId, data.key, data.field, data.action);
    if (resolved.entries.length === 0) throw gone();
    await finish(tx, actor, data.routerId, resolved.customerIds, data.action, resolved.entries);
    return { resolved: resolved.entries.length };
  });
}

/** Restore or accept every difference on the router. */
export async function resolveAllDrift(actor: OperatorActor, routerId: string, action: DriftAction): Promise<{ resolved: number }> {
  assertCan(actor, "routers:manage");
  if (!isUuid(routerId) || (action !== "restore" && action !== "accept")) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const router = await tx.router.findFirst({ where: { id: routerId, tenantId: actor.tenantId }, select: { id: true } });
    if (!router) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
    const keys = await tx.$queryRaw<{ key: string }[]>`SELECT key FROM router_sync_items WHERE router_id = ${routerId}::uuid AND drift IS NOT NULL ORDER BY key`;
    const entries: DriftEntry[] = [];
    const customerIds = new Set<string>();
    for (const { key } of keys) {
      const r = await resolveItem(tx, actor, routerId, key, undefined, action);
      entries.push(...r.entries);
      r.customerIds.forEach((id) => customerIds.add(id));
    }
    if (entries.length) await finish(tx, actor, routerId, [...customerIds], action, entries);
    return { resolved: entries.length };
  });
}

async function resolveItem(tx: Tx, actor: OperatorActor, routerId: string, key: string, field: string | undefined, action: DriftAction) {
  const record = await tx.routerSyncItem.findUnique({ where: { routerId_key: { routerId, key } } });
  if (!record || !isMenuName(record.menu)) return { entries: [], customerIds: [] };
  const menu = MANAGED_MENUS[record.menu];
  const drift = (record.drift as DriftEntry[] | null) ?? [];
  const entries = drift.filter((d) => field === undefined || d.field === field);
  if (entries.length === 0) return { entries: [], customerIds: [] };

  const written = { ...(record.written as Record<string, string>) };
  const overrides: Record<string, Override> = { ...((record.overrides as Record<string, Override> | null) ?? {}) };
  const columns: { column: CustomerColumn; value: string }[] = [];
  for (const d of entries) {
    if (action === "restore") {
      delete written[d.field];
      delete overrides[d.field];
      continue;
    }
    const column = menu.customerColumns?.[d.field];
    if (column && record.customerId) {
      columns.push({ column, value: d.theirs });
      continue;
    }
    overrides[d.field] = { value: d.theirs, ours: overrides[d.field]?.ours ?? written[d.field] ?? "" };
    written[d.field] = d.theirs;
  }
  if (columns.length && record.customerId) await acceptIntoCustomer(tx, actor, record.customerId, columns);

  const remaining = drift.filter((d) => !entries.includes(d));
  await tx.$executeRaw`
    UPDATE router_sync_items SET written = ${JSON.stringify(written)}::jsonb,
      overrides = ${Object.keys(overrides).length ? JSON.stringify(overrides) : null}::jsonb,
      drift = ${remaining.length ? JSON.stringify(remaining) : null}::jsonb, updated_at = clock_timestamp()
    WHERE router_id = ${routerId}::uuid AND key = ${key}`;
  if (record.customerId) {
    const sync = await tx.customerRouterSync.findUnique({ where: { customerId_routerId: { customerId: record.customerId, routerId } } });
    if (sync) {
      const left = ((sync.drift as DriftEntry[] | null) ?? []).filter((d) => !entries.some((e) => e.key === d.key && e.field === d.field));
      await tx.$executeRaw`
        UPDATE customer_router_sync SET drift = ${left.length ? JSON.stringify(left) : null}::jsonb, state = 'PENDING', updated_at = clock_timestamp()
        WHERE customer_id = ${record.customerId}::uuid AND router_id = ${routerId}::uuid`;
    }
  }
  return { entries, customerIds: record.customerId ? [record.customerId] : [] };
}

/** The router's value becomes the customer's: its address, MAC, or MAC lock. */
async function acceptIntoCustomer(tx: Tx, actor: OperatorActor, customerId: string, columns: { column: CustomerColumn; value: string }[]) {
  const before = await tx.customer.findFirst({ where: { id: customerId, tenantId: actor.tenantId }, select: { id: true, staticIp: true, macAddress: true, macLock: true } });
  if (!before) throw gone();
  const data: { staticIp?: string; macAddress?: string; macLock?: boolean } = {};
  for (const { column, value } of columns) {
    if (column === "staticIp") {
      if (!isIPv4(value)) throw new AppError("VALIDATION", { userMessage: `The router's address "${value}" is not an IPv4 address; restore ours instead.` });
      data.staticIp = value;
    } else {
      if (column === "callerId" && value === "") {
        data.macLock = false;
        continue;
      }
      const mac = normalizeMac(value);
      if (!mac) throw new AppError("VALIDATION", { userMessage: `The router's MAC "${value}" is not a MAC address; restore ours instead.` });
      data.macAddress = mac;
      if (column === "callerId") data.macLock = true;
    }
  }
  const after = await tx.customer.update({ where: { id: customerId }, data, select: { staticIp: true, macAddress: true, macLock: true } });
  await projectCustomer(tx, customerId, { previousUsernames: before.macAddress ? [before.macAddress] : [] });
  await recordAudit(tx, {
    actor,
    action: "customer.update",
    targetType: "Customer",
    targetId: customerId,
    before: { staticIp: before.staticIp, macAddress: before.macAddress, macLock: before.macLock },
    after: { ...after, source: "accepted from the router" },
  });
}

async function finish(tx: Tx, actor: OperatorActor, routerId: string, customerIds: string[], action: DriftAction, entries: DriftEntry[]) {
  await tx.$executeRaw`UPDATE routers SET drift_count = GREATEST(drift_count - ${entries.length}, 0), updated_at = now() WHERE id = ${routerId}::uuid`;
  await recordAudit(tx, {
    actor,
    action: `router.drift_${action}`,
    targetType: "Router",
    targetId: routerId,
    after: { items: entries.map((e) => ({ menu: e.menu, item: e.item, field: e.field, ours: e.ours, router: e.router })) },
  });
  await requestRouterSync(tx, actor.tenantId, { routerIds: [routerId], customerIds, reason: `drift ${action}` });
}
