// Every customer on an API-mode router shows its sync state: on its page (with what differs on
// the router) and in lists (the state alone). Resellers see only their subtree's customers.
import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { customerVisibility } from "@/lib/customers/customer-visibility";
import { isMenuName, MANAGED_MENUS } from "./managed-menus";
import type { DriftEntry } from "./provisioning.types";
import type { SyncStateName } from "./router-sync-summary";

export type CustomerSyncState = {
  customerId: string;
  routerId: string;
  routerName: string;
  state: SyncStateName;
  syncedAt: string | null;
  error: string | null;
  drift: { menuTitle: string; item: string; field: string; ours: string; router: string }[];
};

/** null when the customer is not on a router in API mode (RADIUS serves it; nothing to sync). */
export async function getCustomerSyncState(actor: OperatorActor, customerId: string): Promise<CustomerSyncState | null> {
  assertCan(actor, "customers:view");
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const c = await tx.customer.findFirst({
      where: { AND: [customerVisibility(actor), { id: customerId }] },
      select: { id: true, routerId: true, router: { select: { name: true, mode: true } } },
    });
    if (!c) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
    if (!c.routerId || c.router?.mode !== "API") return null;
    const sync = await tx.customerRouterSync.findUnique({ where: { customerId_routerId: { customerId, routerId: c.routerId } } });
    const drift = ((sync?.drift as DriftEntry[] | null) ?? []).map((d) => ({
      menuTitle: isMenuName(d.menu) ? MANAGED_MENUS[d.menu].title : d.menu,
      item: d.item,
      field: d.field,
      ours: d.ours,
      router: d.router,
    }));
    return {
      customerId,
      routerId: c.routerId,
      routerName: c.router.name,
      state: sync?.state ?? "PENDING",
      syncedAt: sync?.syncedAt?.toISOString() ?? null,
      error: sync?.error ?? null,
      drift,
    };
  });
}

/** States for a page of customers (lists): customers not on an API-mode router are left out. */
export async function listCustomerSyncStates(actor: OperatorActor, customerIds: readonly string[]): Promise<Map<string, SyncStateName>> {
  assertCan(actor, "customers:view");
  const ids = customerIds.filter(isUuid);
  if (ids.length === 0) return new Map();
  return withTenant(actor.tenantId, async (tx) => {
    const rows = await tx.customer.findMany({
      where: { AND: [customerVisibility(actor), { id: { in: ids } }, { router: { mode: "API" } }] },
      select: { id: true, routerId: true, routerSync: { select: { routerId: true, state: true } } },
    });
    return new Map(rows.map((c) => [c.id, c.routerSync.find((s) => s.routerId === c.routerId)?.state ?? "PENDING"]));
  });
}
