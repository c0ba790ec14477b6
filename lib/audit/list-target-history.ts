import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";

/** The latest audit entries about one record, for its detail page. */
export async function listTargetHistory(actor: OperatorActor, targetType: string, targetId: string, limit = 10) {
  assertCan(actor, "audit:view");
  return withTenant(actor.tenantId, (tx) =>
    tx.auditLog.findMany({
      where: { tenantId: actor.tenantId, targetType, targetId },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { id: true, createdAt: true, action: true, actorName: true },
    }),
  );
}
