import { withSystem, withTenant } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { CUSTOMER_NETWORK_CHANGED } from "@/lib/radius/events";
import { projectCustomer } from "@/lib/radius/project-customer";
import { requestRouterSync } from "@/lib/routers/provisioning/request-router-sync";

/**
 * Marks ACTIVE customers whose access ended as EXPIRED (FreeRADIUS already applies their lapsed
 * group at the instant; this keeps lists honest and cuts live sessions). Whatever the downtime,
 * everyone overdue is caught up, oldest first, in batches.
 */
export async function expireCustomers(now = new Date(), batchSize = 500): Promise<number> {
  const due = await withSystem("expiry: customers past their expiry", (tx) =>
    tx.customer.findMany({
      where: { status: "ACTIVE", expiresAt: { lte: now } },
      select: { id: true, tenantId: true, expiresAt: true, routerId: true },
      orderBy: { expiresAt: "asc" },
      take: batchSize,
    }),
  );
  for (const c of due) {
    await withTenant(c.tenantId, async (tx) => {
      const updated = await tx.customer.updateMany({ where: { id: c.id, status: "ACTIVE", expiresAt: { lte: now } }, data: { status: "EXPIRED" } });
      if (!updated.count) return;
      await projectCustomer(tx, c.id, { now });
      await requestRouterSync(tx, c.tenantId, { routerIds: [c.routerId], customerIds: [c.id], liveChange: "disconnect", reason: "expired" });
      await emitEvent(tx, { id: `expired:${c.id}:${c.expiresAt!.toISOString()}`, name: CUSTOMER_NETWORK_CHANGED, tenantId: c.tenantId, data: { customerId: c.id, reason: "expired" } });
      await recordAudit(tx, {
        actor: { kind: "SYSTEM", tenantId: c.tenantId, name: "Expiry" },
        action: "customer.status.expired",
        targetType: "Customer",
        targetId: c.id,
        before: { status: "ACTIVE" },
        after: { status: "EXPIRED", expiresAt: c.expiresAt },
      });
    });
  }
  return due.length;
}
