// The reseller or sub-reseller an actor may set prices and packages for: staff who manage
// operators, any reseller or sub-reseller of the ISP; a reseller, its own sub-resellers. Anyone
// else gets "not found" (or "forbidden" without the permission), the same answer as a missing id.
import type { OperatorActor } from "@/lib/audit/actor";
import { can, isStaff } from "@/lib/auth/permissions";
import { isUuid, type Tx } from "@/lib/db";
import type { OperatorRole } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { operatorVisibility } from "@/lib/operators/operator-visibility";

const notFound = () => new AppError("NOT_FOUND", { userMessage: "Operator not found." });

export function assertMayManageResellers(actor: OperatorActor) {
  if (!(can(actor, "operators:manage") || can(actor, "subresellers:manage"))) throw new AppError("FORBIDDEN", { userMessage: "You cannot manage resellers." });
}

export async function resellerTarget(tx: Tx, actor: OperatorActor, operatorId: string, roles: OperatorRole[]) {
  if (!isUuid(operatorId)) throw notFound();
  const op = await tx.operator.findFirst({ where: { AND: [operatorVisibility(actor), { id: operatorId }] } });
  if (!op || !roles.includes(op.role)) throw notFound();
  // A reseller acts on its own sub-resellers only (operatorVisibility already limits it to its subtree).
  if (!isStaff(actor.role) && op.parentId !== actor.id) throw notFound();
  return op;
}
