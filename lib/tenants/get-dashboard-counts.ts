import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";

export type DashboardCounts = {
  operatorsByRole: Record<string, number>;
  customersByStatus: Record<string, number>;
  customersTotal: number;
  auditLast24h: number;
};

export async function getDashboardCounts(actor: OperatorActor): Promise<DashboardCounts> {
  assertCan(actor, "dashboard:view");
  return withTenant(actor.tenantId, async (tx) => {
    const [ops, customers, audit] = await Promise.all([
      tx.operator.groupBy({ by: ["role"], where: { tenantId: actor.tenantId }, _count: { _all: true } }),
      tx.customer.groupBy({ by: ["status"], where: { tenantId: actor.tenantId }, _count: { _all: true } }),
      tx.auditLog.count({ where: { tenantId: actor.tenantId, createdAt: { gte: new Date(Date.now() - 86_400_000) } } }),
    ]);
    const customersByStatus: Record<string, number> = { ACTIVE: 0, SUSPENDED: 0, EXPIRED: 0, DISABLED: 0 };
    for (const c of customers) customersByStatus[c.status] = c._count._all;
    return {
      operatorsByRole: Object.fromEntries(ops.map((o) => [o.role, o._count._all])),
      customersByStatus,
      customersTotal: Object.values(customersByStatus).reduce((a, b) => a + b, 0),
      auditLast24h: audit,
    };
  });
}
