import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { open } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { customerVisibility } from "./customer-visibility";

/** The customer's PPPoE/hotspot password, for an operator setting up the customer's router. Audited. */
export async function revealNetworkPassword(actor: OperatorActor, customerId: string): Promise<string> {
  assertCan(actor, "customers:manage");
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const c = await tx.customer.findFirst({ where: { AND: [customerVisibility(actor), { id: customerId }] }, select: { id: true, networkPasswordEnc: true } });
    if (!c) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
    if (!c.networkPasswordEnc) throw new AppError("NOT_FOUND", { userMessage: "This customer has no network password." });
    await recordAudit(tx, { actor, action: "customer.password_viewed", targetType: "Customer", targetId: c.id });
    return open(c.networkPasswordEnc);
  });
}
