import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { CUSTOMER_NETWORK_CHANGED } from "@/lib/radius/events";
import { requestRouterSync } from "@/lib/routers/provisioning/request-router-sync";
import { customerVisibility } from "./customer-visibility";

/** "Disconnect now": the customer's live sessions are cut through the job that retries until the router answers. */
export async function disconnectCustomer(actor: OperatorActor, customerId: string) {
  assertCan(actor, "customers:manage");
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const c = await tx.customer.findFirst({ where: { AND: [customerVisibility(actor), { id: customerId }] }, select: { id: true, routerId: true } });
    if (!c) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
    await emitEvent(tx, { name: CUSTOMER_NETWORK_CHANGED, tenantId: actor.tenantId, data: { customerId, reason: "operator" } });
    // On an API-mode router (no RADIUS session to find) the router's sync ends the session.
    await requestRouterSync(tx, actor.tenantId, { routerIds: [c.routerId], customerIds: [c.id], liveChange: "disconnect", reason: "disconnect requested" });
    await recordAudit(tx, { actor, action: "customer.disconnect", targetType: "Customer", targetId: customerId });
  });
}
