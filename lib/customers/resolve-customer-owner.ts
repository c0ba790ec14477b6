import type { Tx } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { isStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

/**
 * Which operator owns a new or moved customer. Staff may pick any reseller or sub-reseller
 * (or none: the ISP itself); a reseller itself or one of its sub-resellers; a sub-reseller
 * only itself.
 */
export async function resolveCustomerOwner(tx: Tx, actor: OperatorActor, wanted: string | undefined): Promise<string | null> {
  if (actor.role === "SUB_RESELLER") return actor.id;
  if (!wanted) return isStaff(actor.role) ? null : actor.id;
  const owner = await tx.operator.findFirst({
    where: {
      tenantId: actor.tenantId,
      id: wanted,
      role: { in: ["RESELLER", "SUB_RESELLER"] },
      ...(isStaff(actor.role) ? {} : { path: { startsWith: actor.path } }),
    },
    select: { id: true },
  });
  if (!owner) throw new AppError("VALIDATION", { fieldErrors: { operatorId: ["Choose a reseller you manage."] } });
  return owner.id;
}
