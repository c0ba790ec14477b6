import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { localDate, startOfLocalDay } from "@/lib/billing/calc/cycle";
import { nextDay } from "@/lib/billing/lists/list-sql";

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

export type BillingTiles = {
  currency: string;
  /** Payments received today (the tenant's local day), reversed ones left out. */
  collectedTodayMinor: bigint;
  paymentsToday: number;
  /** What issued invoices still await: sum of total - paid over open invoices. */
  outstandingMinor: bigint;
  openInvoices: number;
  /** Customers whose service ends within the next 7 days. */
  expiringIn7Days: number;
};

/** The dashboard's money tiles, for operators who may see billing. */
export async function getBillingTiles(actor: OperatorActor): Promise<BillingTiles> {
  assertCan(actor, "billing:view");
  return withTenant(actor.tenantId, async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true, timezone: true } });
    const today = localDate(new Date(), tenant.timezone);
    const from = startOfLocalDay(today, tenant.timezone);
    const to = startOfLocalDay(nextDay(today), tenant.timezone);
    const now = new Date();
    const [collected] = await tx.$queryRaw<{ n: bigint; amount: bigint | null }[]>`
      SELECT count(*)::bigint AS n, sum(amount_minor)::bigint AS amount FROM payments
       WHERE tenant_id = ${actor.tenantId}::uuid AND status = 'RECEIVED' AND received_at >= ${from} AND received_at < ${to}`;
    const [open] = await tx.$queryRaw<{ n: bigint; amount: bigint | null }[]>`
      SELECT count(*)::bigint AS n, sum(total_minor - paid_minor)::bigint AS amount FROM invoices
       WHERE tenant_id = ${actor.tenantId}::uuid AND kind = 'INVOICE' AND status IN ('ISSUED', 'PARTIALLY_PAID')`;
    const expiring = await tx.customer.count({ where: { tenantId: actor.tenantId, expiresAt: { gte: now, lt: new Date(now.getTime() + 7 * 86_400_000) } } });
    return {
      currency: tenant.currency,
      collectedTodayMinor: collected?.amount ?? 0n,
      paymentsToday: Number(collected?.n ?? 0n),
      outstandingMinor: open?.amount ?? 0n,
      openInvoices: Number(open?.n ?? 0n),
      expiringIn7Days: expiring,
    };
  });
}
