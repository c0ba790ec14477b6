import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { customerVisibility } from "@/lib/customers/customer-visibility";
import { operatorVisibility } from "./operator-visibility";
import { localDate, startOfLocalDay } from "@/lib/billing/calc/cycle";
import { walletBalance } from "@/lib/resellers/wallet-account";

/** Counts for a reseller's overview, over its own subtree only, and its own money. */
export async function getResellerOverview(actor: OperatorActor) {
  return withTenant(actor.tenantId, async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { timezone: true, currency: true } });
    const today = localDate(new Date(), tenant.timezone);
    const dayStart = startOfLocalDay(today, tenant.timezone);
    const monthStart = startOfLocalDay(`${today.slice(0, 8)}01`, tenant.timezone);
    const now = new Date();
    const weekAhead = new Date(now.getTime() + 7 * 86_400_000);
    const op = await tx.operator.findUniqueOrThrow({ where: { id: actor.id } });
    const [byStatus, subResellers, recharges, commissions, expiring, wallet] = await Promise.all([
      tx.customer.groupBy({ by: ["status"], where: customerVisibility(actor), _count: { _all: true } }),
      tx.operator.count({ where: operatorVisibility(actor) }),
      tx.payment.aggregate({ where: { tenantId: actor.tenantId, collectedById: actor.id, method: "RESELLER_WALLET", status: "RECEIVED", receivedAt: { gte: dayStart } }, _count: { _all: true }, _sum: { amountMinor: true } }),
      tx.commission.aggregate({ where: { tenantId: actor.tenantId, operatorId: actor.id, earnedAt: { gte: monthStart }, reversedAt: null }, _sum: { amountMinor: true } }),
      tx.customer.count({ where: { AND: [customerVisibility(actor), { status: "ACTIVE", expiresAt: { gte: now, lt: weekAhead } }] } }),
      walletBalance(tx, actor.tenantId, op, tenant.currency),
    ]);
    const customersByStatus: Record<string, number> = { ACTIVE: 0, SUSPENDED: 0, EXPIRED: 0, DISABLED: 0 };
    for (const row of byStatus) customersByStatus[row.status] = row._count._all;
    return {
      customersByStatus,
      customersTotal: Object.values(customersByStatus).reduce((a, b) => a + b, 0),
      subResellers,
      currency: tenant.currency,
      wallet,
      rechargesToday: recharges._count._all,
      rechargesTodayMinor: recharges._sum.amountMinor ?? 0n,
      commissionsThisMonthMinor: commissions._sum.amountMinor ?? 0n,
      expiringThisWeek: expiring,
    };
  });
}
