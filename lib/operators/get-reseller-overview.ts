import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { customerVisibility } from "@/lib/customers/customer-visibility";
import { operatorVisibility } from "./operator-visibility";

/** Counts for a reseller's overview, over its own subtree only. */
export async function getResellerOverview(actor: OperatorActor) {
  return withTenant(actor.tenantId, async (tx) => {
    const [byStatus, subResellers] = await Promise.all([
      tx.customer.groupBy({ by: ["status"], where: customerVisibility(actor), _count: { _all: true } }),
      tx.operator.count({ where: operatorVisibility(actor) }),
    ]);
    const customersByStatus: Record<string, number> = { ACTIVE: 0, SUSPENDED: 0, EXPIRED: 0, DISABLED: 0 };
    for (const row of byStatus) customersByStatus[row.status] = row._count._all;
    return { customersByStatus, customersTotal: Object.values(customersByStatus).reduce((a, b) => a + b, 0), subResellers };
  });
}
