import { withTenant } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { CUSTOMER_NETWORK_CHANGED, type CustomerNetworkChangedData } from "./events";
import { projectCustomer } from "./project-customer";

const UNIT_MS = { HOUR: 3600_000, DAY: 86_400_000, WEEK: 7 * 86_400_000, MONTH: 30 * 86_400_000 } as const;

/**
 * Customers whose usage in the current period reached their package's data cap move to its
 * fair-use group (or are cut off), and their sessions feel it: a CoA for the new speed, or a cut. The
 * period is the validity that ends at the customer's expiry (the calendar month without one).
 */
export async function enforceDataCaps(tenantId: string, now = new Date()): Promise<string[]> {
  return withTenant(tenantId, async (tx) => {
    const candidates = await tx.customer.findMany({
      where: { tenantId, status: "ACTIVE", dataCapReachedAt: null, package: { dataCapBytes: { not: null } } },
      select: { id: true, username: true, macAddress: true, expiresAt: true, package: { select: { dataCapBytes: true, validityValue: true, validityUnit: true, dataCapAction: true } } },
    });
    const capped: string[] = [];
    for (const c of candidates) {
      const pkg = c.package!;
      const start = c.expiresAt
        ? new Date(c.expiresAt.getTime() - pkg.validityValue * UNIT_MS[pkg.validityUnit])
        : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
      const used = await tx.usageDaily.aggregate({
        where: { tenantId, username: { in: [c.username, ...(c.macAddress ? [c.macAddress] : [])] }, day: { gte: new Date(start.toISOString().slice(0, 10)) } },
        _sum: { bytesIn: true, bytesOut: true },
      });
      const total = (used._sum.bytesIn ?? 0n) + (used._sum.bytesOut ?? 0n);
      if (total < pkg.dataCapBytes!) continue;
      await tx.customer.update({ where: { id: c.id }, data: { dataCapReachedAt: now } });
      await projectCustomer(tx, c.id, { now });
      // A throttle only changes the speed: a CoA keeps the session up. A cut-off needs it gone.
      const data: CustomerNetworkChangedData = { customerId: c.id, reason: "data cap", mode: pkg.dataCapAction === "THROTTLE" ? "coa" : "disconnect" };
      await emitEvent(tx, { name: CUSTOMER_NETWORK_CHANGED, tenantId, data });
      await recordAudit(tx, {
        actor: { kind: "SYSTEM", tenantId, name: "Data cap" },
        action: pkg.dataCapAction === "THROTTLE" ? "customer.data_cap.throttled" : "customer.data_cap.cut_off",
        targetType: "Customer",
        targetId: c.id,
        after: { usedBytes: total, capBytes: pkg.dataCapBytes },
      });
      capped.push(c.id);
    }
    return capped;
  });
}
