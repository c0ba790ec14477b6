import { withTenant } from "@/lib/db";
import { localDayRange } from "./local-day";

export type BuildTenantDigestOptions = { tenantId: string; day: string };

/**
 * Stores the snapshot of one tenant's local day: customers by status (as of now), customers created
 * and audit entries written during that day. One row per tenant and day: building it twice
 * updates the same row.
 */
export async function buildTenantDigest({ tenantId, day }: BuildTenantDigestOptions) {
  return withTenant(tenantId, async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timezone: true } });
    const { start, end } = localDayRange(day, tenant.timezone);
    const [byStatus, newCustomers, auditEntries] = await Promise.all([
      tx.customer.groupBy({ by: ["status"], where: { tenantId }, _count: { _all: true } }),
      tx.customer.count({ where: { tenantId, createdAt: { gte: start, lt: end } } }),
      tx.auditLog.count({ where: { tenantId, createdAt: { gte: start, lt: end } } }),
    ]);
    const customersByStatus: Record<string, number> = { ACTIVE: 0, SUSPENDED: 0, EXPIRED: 0, DISABLED: 0 };
    for (const row of byStatus) customersByStatus[row.status] = row._count._all;
    const values = {
      timezone: tenant.timezone,
      customersByStatus,
      customersTotal: Object.values(customersByStatus).reduce((a, b) => a + b, 0),
      newCustomers,
      auditEntries,
    };
    return tx.tenantDigest.upsert({
      where: { tenantId_day: { tenantId, day: new Date(`${day}T00:00:00Z`) } },
      create: { tenantId, day: new Date(`${day}T00:00:00Z`), ...values },
      update: values,
    });
  });
}
