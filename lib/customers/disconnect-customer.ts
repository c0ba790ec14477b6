import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { applyCustomerChange } from "./customer-changed";
import { customerVisibility } from "./customer-visibility";

/** "Disconnect now": the customer's live sessions are cut through the job that retries until the router answers. */
export async function disconnectCustomer(actor: OperatorActor, customerId: string) {
  assertCan(actor, "customers:manage");
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const c = await tx.customer.findFirst({ where: { AND: [customerVisibility(actor), { id: customerId }] } });
    if (!c) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
    // Nothing about the customer changed; its sessions go (on an API-mode router, through its sync).
    await applyCustomerChange(tx, {
      tenantId: actor.tenantId,
      before: c,
      after: c,
      reason: "operator",
      liveChange: "disconnect",
      audit: { actor, action: "customer.disconnect", before: undefined, after: undefined },
    });
  });
}
