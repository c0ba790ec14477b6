import { randomUUID } from "node:crypto";
import { withTenant } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { can, manageableRoles } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { OperatorActor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { parseAmount } from "@/lib/money/parse-amount";
import { createOperatorSchema, resellerTerms, type CreateOperatorInput } from "./operators.schema";
import { publicOperator } from "./public-operator";

/**
 * Staff create admins, managers, resellers and sub-resellers; a reseller creates sub-resellers
 * under itself. The tree stops two levels below the ISP.
 */
export async function createOperator(actor: OperatorActor, input: CreateOperatorInput) {
  const data = createOperatorSchema.parse(input);
  if (!can(actor, "operators:manage") && !can(actor, "subresellers:manage")) throw new AppError("FORBIDDEN");
  if (!manageableRoles(actor.role).includes(data.role)) {
    throw new AppError("FORBIDDEN", { userMessage: "You cannot create operators with this role." });
  }
  const passwordHash = await hashPassword(data.password);
  const id = randomUUID();

  return withTenant(actor.tenantId, async (tx) => {
    let parentId: string | null = null;
    let path = "/";
    if (data.role === "RESELLER") {
      path = `/${id}/`;
    } else if (data.role === "SUB_RESELLER") {
      const wantedParent = actor.role === "RESELLER" ? actor.id : data.parentId;
      if (!wantedParent) throw new AppError("VALIDATION", { fieldErrors: { parentId: ["Choose the reseller this sub-reseller belongs to."] } });
      const parent = await tx.operator.findFirst({ where: { tenantId: actor.tenantId, id: wantedParent, role: "RESELLER" } });
      if (!parent) throw new AppError("VALIDATION", { fieldErrors: { parentId: ["Choose a reseller of this ISP."] } });
      parentId = parent.id;
      path = `${parent.path}${id}/`;
    }
    const isReseller = data.role === "RESELLER" || data.role === "SUB_RESELLER";
    const { currency } = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true } });
    const terms = resellerTerms(actor, isReseller, data, (t) => parseAmount(t, currency, { field: "creditLimit" }));
    const operator = await tx.operator.create({
      data: {
        id,
        tenantId: actor.tenantId,
        role: data.role,
        parentId,
        path,
        name: data.name,
        email: data.email,
        passwordHash,
        commissionShareBp: isReseller ? data.commissionShare : 0,
        billingMode: terms.billingMode,
        creditLimitMinor: terms.creditLimitMinor,
      },
    });
    await recordAudit(tx, { actor, action: "operator.create", targetType: "Operator", targetId: id, after: publicOperator(operator) });
    return publicOperator(operator);
  });
}
