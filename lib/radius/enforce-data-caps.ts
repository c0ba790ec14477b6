import { withTenant } from "@/lib/db";
import { applyCustomerChanges, type CustomerChange } from "@/lib/customers/customer-changed";

/**
 * Customers whose usage in the current period reached their package's data cap move to its
 * fair-use group (or are cut off), and their sessions feel it: a CoA for the new speed, or a cut
 * (the fan-out decides: lib/customers/customer-changed.ts); API-mode routers get one sync. The
 * period is the validity that ends at the customer's expiry (the calendar month without one), counted
 * from its start instant (data_cap_period_start() in SQL).
 */
export async function enforceDataCaps(tenantId: string, now = new Date()): Promise<string[]> {
  return withTenant(tenantId, async (tx) => {
    const candidates = await tx.customer.findMany({
      where: { tenantId, status: "ACTIVE", dataCapReachedAt: null, package: { dataCapBytes: { not: null } } },
      select: { id: true, package: { select: { dataCapBytes: true, dataCapAction: true } } },
    });
    const changes: CustomerChange[] = [];
    for (const c of candidates) {
      const pkg = c.package!;
      // Usage since the period's start instant (see the usage_by_period migration), as rolled up.
      const [used] = await tx.$queryRaw<{ total: bigint }[]>`
        SELECT COALESCE(SUM(u.bytes_in + u.bytes_out), 0)::bigint AS total
        FROM customers c
        JOIN packages p ON p.id = c.package_id
        JOIN usage_period u ON u.tenant_id = c.tenant_id AND u.username IN (c.username, c.mac_address)
          AND u.period_start = data_cap_period_start(c.expires_at, p.validity_value, p.validity_unit, ${now})
        WHERE c.tenant_id = ${tenantId}::uuid AND c.id = ${c.id}::uuid`;
      const total = used?.total ?? 0n;
      if (total < pkg.dataCapBytes!) continue;
      const after = await tx.customer.update({ where: { id: c.id }, data: { dataCapReachedAt: now } });
      // A throttle only changes the speed (on -> fup: a CoA keeps the session up); a cut-off needs it gone.
      changes.push({
        tenantId,
        before: { ...after, dataCapReachedAt: null },
        after,
        reason: "data cap",
        now,
        audit: {
          actor: { kind: "SYSTEM", tenantId, name: "Data cap" },
          action: pkg.dataCapAction === "THROTTLE" ? "customer.data_cap.throttled" : "customer.data_cap.cut_off",
          before: undefined,
          after: { usedBytes: total, capBytes: pkg.dataCapBytes },
        },
      });
    }
    await applyCustomerChanges(tx, changes);
    return changes.map((c) => c.after.id);
  });
}
