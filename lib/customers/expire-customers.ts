import { withSystem, withTenant } from "@/lib/db";
import { applyCustomerChange } from "./customer-changed";

/**
 * Marks ACTIVE customers whose access ended as EXPIRED (FreeRADIUS already applies their lapsed
 * group at the instant; this keeps lists honest and cuts live sessions). Whatever the downtime,
 * everyone overdue is caught up, oldest first, in batches.
 */
export async function expireCustomers(now = new Date(), batchSize = 500): Promise<number> {
  const due = await withSystem("expiry: customers past their expiry", (tx) =>
    tx.customer.findMany({
      where: { status: "ACTIVE", expiresAt: { lte: now } },
      select: { id: true, tenantId: true, expiresAt: true },
      orderBy: { expiresAt: "asc" },
      take: batchSize,
    }),
  );
  for (const c of due) {
    await withTenant(c.tenantId, async (tx) => {
      const updated = await tx.customer.updateMany({ where: { id: c.id, status: "ACTIVE", expiresAt: { lte: now } }, data: { status: "EXPIRED" } });
      if (!updated.count) return;
      const after = await tx.customer.findUniqueOrThrow({ where: { id: c.id } });
      await applyCustomerChange(tx, {
        tenantId: c.tenantId,
        before: { ...after, status: "ACTIVE" },
        after,
        reason: "expired",
        // The session outlived its expiry: it goes, whatever the rule says about the group.
        liveChange: "disconnect",
        eventId: `expired:${c.id}:${c.expiresAt!.toISOString()}`,
        now,
        audit: {
          actor: { kind: "SYSTEM", tenantId: c.tenantId, name: "Expiry" },
          action: "customer.status.expired",
          before: { status: "ACTIVE" },
          after: { status: "EXPIRED", expiresAt: c.expiresAt },
        },
      });
    });
  }
  return due.length;
}
