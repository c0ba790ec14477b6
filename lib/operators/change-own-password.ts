import { z } from "zod";
import { withTenant } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import type { OperatorActor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { passwordSchema } from "./operators.schema";

const schema = z
  .object({ currentPassword: z.string().min(1, "Enter your current password."), newPassword: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ." });

/** Changes the signed-in operator's password and signs out every session (this one too). */
export async function changeOwnPassword(actor: OperatorActor, input: z.input<typeof schema>) {
  const data = schema.parse(input);
  const newHash = await hashPassword(data.newPassword);
  return withTenant(actor.tenantId, async (tx) => {
    const me = await tx.operator.findUniqueOrThrow({ where: { id: actor.id } });
    if (!(await verifyPassword(me.passwordHash, data.currentPassword))) {
      throw new AppError("VALIDATION", { fieldErrors: { currentPassword: ["This is not your current password."] } });
    }
    await tx.operator.update({ where: { id: me.id }, data: { passwordHash: newHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, { actor, action: "operator.password_change", targetType: "Operator", targetId: me.id });
  });
}
