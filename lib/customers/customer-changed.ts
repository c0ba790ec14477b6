// The one fan-out for a customer change, called by every writer in its own transaction: the
// customer's FreeRADIUS rows, the live change its open sessions must feel (CoA or disconnect,
// through the CUSTOMER_NETWORK_CHANGED outbox event), the reconcile of its API-mode routers, and
// the audit row. Writers differ in what they change, never in what follows from it.
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db";
import type { Customer } from "@/lib/db/generated/client";
import { emitEvents, type EmitEventInput } from "@/lib/jobs/outbox/emit-event";
import { CUSTOMER_NETWORK_CHANGED, type CustomerNetworkChangedData, type LiveChangeMode } from "@/lib/radius/events";
import { liveChangeOf } from "@/lib/radius/live-change";
import { projectCustomer } from "@/lib/radius/project-customer";
import { radiusSettingsOf } from "@/lib/radius/tenant-radius-settings";
import { provisioningChanged, requestRouterSync } from "@/lib/routers/provisioning/request-router-sync";
import { publicCustomer } from "./public-customer";
import { customerService, type ServicePackage, type ServiceState } from "./service-state";

export type CustomerChangeAudit = { actor: Actor; action: string; before?: unknown; after?: unknown };

export type CustomerChange = {
  tenantId: string;
  /** The row before the change; null for a new customer. */
  before: Customer | null;
  after: Customer;
  passwordChanged?: boolean;
  /** Logins the customer had before (an old MAC login) whose RADIUS rows must go; by default the old MAC. */
  previousUsernames?: string[];
  /** Why, as the live-change job and the router sync show it. */
  reason: string;
  /** The audit row; before/after default to the public customer rows. null or absent: none. */
  audit?: CustomerChangeAudit | null;
  /** A live change the writer wants whatever the fields say ("disconnect now"). */
  liveChange?: LiveChangeMode;
  /** A stable outbox id for the live-change event, when the writer can be retried. */
  eventId?: string;
  now?: Date;
};

export type CustomerChangeResult = { customerId: string; service: ServiceState; liveChange: { mode: LiveChangeMode; reason: string } | null; routerSync: boolean };

type PackageFacts = ServicePackage & { ipPool: string | null };

/** applyCustomerChanges for one customer. */
export async function applyCustomerChange(tx: Tx, change: CustomerChange): Promise<CustomerChangeResult> {
  return (await applyCustomerChanges(tx, [change]))[0]!;
}

/**
 * Projects each customer, emits their live changes and audit rows, and asks each router concerned
 * for one reconcile (one request per kind of live change, however many customers changed).
 */
export async function applyCustomerChanges(tx: Tx, changes: readonly CustomerChange[]): Promise<CustomerChangeResult[]> {
  if (!changes.length) return [];
  const tenantIds = [...new Set(changes.map((c) => c.tenantId))];
  const packageIds = [...new Set(changes.flatMap((c) => [c.before?.packageId, c.after.packageId]).filter((id): id is string => Boolean(id)))];
  const [tenants, packages] = await Promise.all([
    tx.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, settings: true } }),
    tx.package.findMany({ where: { id: { in: packageIds } }, select: { id: true, status: true, dataCapAction: true, ipPool: true } }),
  ]);
  const suspendMode = new Map(tenants.map((t) => [t.id, radiusSettingsOf(t.settings).suspendMode]));
  const pkgs = new Map<string, PackageFacts>(packages.map((p) => [p.id, p]));
  const pkgOf = (id: string | null) => (id ? (pkgs.get(id) ?? null) : null);

  const results: CustomerChangeResult[] = [];
  const events: EmitEventInput[] = [];
  // tenant -> live change mode ("" for none) -> routers and customers to reconcile
  const syncs = new Map<string, Map<LiveChangeMode | "", { routerIds: Set<string | null>; customerIds: string[]; reasons: Set<string> }>>();

  for (const change of changes) {
    const { tenantId, before, after } = change;
    const now = change.now ?? new Date();
    const mode = suspendMode.get(tenantId) ?? "REJECT";
    await projectCustomer(tx, after.id, { previousUsernames: change.previousUsernames ?? (before?.macAddress ? [before.macAddress] : []), now });

    const serviceAfter = customerService(after, pkgOf(after.packageId), mode, now);
    let live: CustomerChangeResult["liveChange"] = null;
    if (before) {
      const serviceBefore = customerService(before, pkgOf(before.packageId), mode, now);
      const lapsedNow = after.expiresAt !== null && after.expiresAt <= now && (before.expiresAt === null || before.expiresAt > now);
      live = liveChangeOf(before, after, {
        passwordChanged: Boolean(change.passwordChanged),
        lapsedNow,
        samePool: samePool(pkgOf(before.packageId), pkgOf(after.packageId), before.packageId, after.packageId),
        service: { before: serviceBefore, after: serviceAfter },
      });
    }
    if (change.liveChange) live = { mode: change.liveChange === "disconnect" ? "disconnect" : (live?.mode ?? "coa"), reason: change.reason };
    if (live) {
      const data: CustomerNetworkChangedData = { customerId: after.id, reason: live.reason, mode: live.mode };
      events.push({ ...(change.eventId ? { id: change.eventId } : {}), name: CUSTOMER_NETWORK_CHANGED, tenantId, data });
    }

    const moved = before !== null && before.routerId !== after.routerId;
    const routerSync = before === null || Boolean(live) || provisioningChanged(before, after, { passwordChanged: Boolean(change.passwordChanged) });
    if (routerSync) {
      const liveMode: LiveChangeMode | "" = live?.mode ?? (moved ? "disconnect" : "");
      const byMode = syncs.get(tenantId) ?? new Map();
      syncs.set(tenantId, byMode);
      const entry = byMode.get(liveMode) ?? { routerIds: new Set(), customerIds: [], reasons: new Set() };
      byMode.set(liveMode, entry);
      entry.routerIds.add(before?.routerId ?? null).add(after.routerId);
      entry.customerIds.push(after.id);
      entry.reasons.add(change.reason);
    }

    if (change.audit) {
      const { actor, action } = change.audit;
      await recordAudit(tx, {
        actor,
        action,
        targetType: "Customer",
        targetId: after.id,
        before: "before" in change.audit ? change.audit.before : before ? publicCustomer(before) : undefined,
        after: "after" in change.audit ? change.audit.after : publicCustomer(after),
      });
    }
    results.push({ customerId: after.id, service: serviceAfter, liveChange: live, routerSync });
  }

  if (events.length) await emitEvents(tx, events);
  for (const [tenantId, byMode] of syncs) {
    for (const [liveMode, entry] of byMode) {
      await requestRouterSync(tx, tenantId, {
        routerIds: [...entry.routerIds],
        customerIds: entry.customerIds,
        ...(liveMode ? { liveChange: liveMode } : {}),
        reason: [...entry.reasons].join(", "),
      });
    }
  }
  return results;
}

/** Whether a package switch keeps the address pool (a live session can change speed, not address). */
function samePool(before: PackageFacts | null, after: PackageFacts | null, beforeId: string | null, afterId: string | null): boolean {
  if (beforeId === afterId) return true;
  return before !== null && after !== null && before.ipPool === after.ipPool;
}
