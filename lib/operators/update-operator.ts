import { withTenant } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { can, manageableRoles } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { OperatorActor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { operatorVisibility } from "./operator-visibility";
import { parseAmount } from "@/lib/money/parse-amount";
import { syncWalletLimit } from "@/lib/resellers/wallet-account";
import { resellerTerms, updateOperatorSchema, type UpdateOperatorInput } from "./operators.schema";
import { publicOperator } from "./public-operator";

/** Edits an operator; a new password or leaving ACTIVE signs it out everywhere. */
export async function updateOperator(actor: OperatorActor, input: UpdateOperatorInput) {
  const data = updateOperatorSchema.parse(input);
  if (!can(actor, "operators:manage") && !can(actor, "subresellers:manage")) throw new AppError("FORBIDDEN");
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;

  return withTenant(actor.tenantId, async (tx) => {
    const before = await tx.operator.findFirst({ where: { AND: [operatorVisibility(actor), { id: data.id }] } });
    if (!before) throw new AppError("NOT_FOUND", { userMessage: "Operator not found." });
    if (!manageableRoles(actor.role).includes(before.role)) {
      throw new AppError("FORBIDDEN", { userMessage: "You cannot edit this operator." });
    }
    if (before.id === actor.id && data.status !== "ACTIVE") {
      throw new AppError("VALIDATION", { fieldErrors: { status: ["You cannot disable yourself."] } });
    }
    const revoke = Boolean(passwordHash) || (data.status !== "ACTIVE" && before.status === "ACTIVE");
    const isReseller = before.role === "RESELLER" || before.role === "SUB_RESELLER";
    const { currency } = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true } });
    // A reseller editing its sub-reseller keeps the terms the ISP gave it when it was postpaid.
    // Staff leaving the credit limit empty keep it too.
    const keep = isReseller && before.billingMode === "POSTPAID" && data.billingMode === "POSTPAID" && (actor.role === "RESELLER" || !data.creditLimit?.trim());
    const terms = keep ? { billingMode: before.billingMode, creditLimitMinor: before.creditLimitMinor } : resellerTerms(actor, isReseller, data, (t) => parseAmount(t, currency, { field: "creditLimit" }));
    const after = await tx.operator.update({
      where: { id: before.id },
      data: {
        name: data.name,
        commissionShareBp: isReseller ? data.commissionShare : 0,
        billingMode: terms.billingMode,
        creditLimitMinor: terms.creditLimitMinor,
        status: data.status,
        ...(passwordHash ? { passwordHash } : {}),
        ...(revoke ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    await syncWalletLimit(tx, actor.tenantId, after);
    await recordAudit(tx, {
      actor,
      action: passwordHash ? "operator.update_with_password" : "operator.update",
      targetType: "Operator",
      targetId: after.id,
      before: publicOperator(before),
      after: publicOperator(after),
    });
    return publicOperator(after);
  });
}
