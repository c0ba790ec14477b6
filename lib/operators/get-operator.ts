import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { operatorVisibility } from "./operator-visibility";
import { publicOperator } from "./public-operator";

export async function getOperatorOrThrow(actor: OperatorActor, id: string) {
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Operator not found." });
  const op = await withTenant(actor.tenantId, (tx) =>
    tx.operator.findFirst({ where: { AND: [operatorVisibility(actor), { id }] } }),
  );
  if (!op) throw new AppError("NOT_FOUND", { userMessage: "Operator not found." });
  return publicOperator(op);
}

/** Resellers of the ISP, for choosing a sub-reseller's parent. */
export function listResellerChoices(actor: OperatorActor) {
  return withTenant(actor.tenantId, (tx) =>
    tx.operator.findMany({
      where: { AND: [operatorVisibility(actor), { role: "RESELLER" }] },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  );
}
