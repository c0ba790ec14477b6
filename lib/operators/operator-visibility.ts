import type { Prisma } from "@/lib/db/generated/client";
import type { OperatorActor } from "@/lib/audit/actor";
import { isStaff } from "@/lib/auth/permissions";

/**
 * The operators an actor may see: staff see the whole ISP; a reseller its own sub-resellers
 * (the subtree below it); a sub-reseller nobody else.
 */
export function operatorVisibility(actor: OperatorActor): Prisma.OperatorWhereInput {
  if (isStaff(actor.role)) return { tenantId: actor.tenantId };
  if (actor.role === "RESELLER") return { tenantId: actor.tenantId, path: { startsWith: actor.path }, NOT: { id: actor.id } };
  return { tenantId: actor.tenantId, id: { in: [] } };
}
