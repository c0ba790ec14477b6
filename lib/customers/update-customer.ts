import { withTenant } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { OperatorActor } from "@/lib/audit/actor";
import { seal } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { projectCustomer } from "@/lib/radius/project-customer";
import { customerVisibility } from "./customer-visibility";
import { updateCustomerSchema, type UpdateCustomerInput } from "./customers.schema";
import { publicCustomer } from "./public-customer";
import { resolveCustomerOwner } from "./resolve-customer-owner";
import { resolveNetworkFields } from "./resolve-network-fields";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { CUSTOMER_NETWORK_CHANGED } from "@/lib/radius/events";

/** Fields whose change must reach live sessions (they reconnect under the new state). */
const LIVE_FIELDS = ["status", "packageId", "connectionType", "staticIp", "macAddress", "macLock"] as const;

export async function updateCustomer(actor: OperatorActor, input: UpdateCustomerInput) {
  assertCan(actor, "customers:manage");
  const data = updateCustomerSchema.parse(input);
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  return withTenant(actor.tenantId, async (tx) => {
    const before = await tx.customer.findFirst({ where: { AND: [customerVisibility(actor), { id: data.id }] } });
    if (!before) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
    const operatorId = data.operatorId === undefined && actor.role !== "SUB_RESELLER"
      ? before.operatorId
      : await resolveCustomerOwner(tx, actor, data.operatorId);
    const network = await resolveNetworkFields(tx, actor, data);
    const revoke = Boolean(passwordHash) || (before.status !== data.status && data.status === "DISABLED");
    const after = await tx.customer.update({
      where: { id: before.id },
      data: {
        operatorId,
        name: data.name,
        mobile: data.mobile,
        email: data.email,
        address: data.address,
        notes: data.notes,
        status: data.status,
        ...network,
        // A new period (the expiry moved later) starts with a fresh data allowance.
        ...(network.expiresAt && (!before.expiresAt || network.expiresAt > before.expiresAt) ? { dataCapReachedAt: null } : {}),
        ...(passwordHash && data.password ? { passwordHash, networkPasswordEnc: seal(data.password) } : {}),
        ...(revoke ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    await projectCustomer(tx, after.id, { previousUsernames: before.macAddress ? [before.macAddress] : [] });
    const changed = LIVE_FIELDS.filter((f) => before[f] !== after[f]);
    const lapsedNow = after.expiresAt !== null && after.expiresAt <= new Date() && (before.expiresAt === null || before.expiresAt > new Date());
    if (changed.length || passwordHash || lapsedNow) {
      const reason = [...changed, ...(passwordHash ? ["password"] : []), ...(lapsedNow ? ["expiresAt"] : [])].join(",");
      await emitEvent(tx, { name: CUSTOMER_NETWORK_CHANGED, tenantId: actor.tenantId, data: { customerId: after.id, reason } });
    }
    const action = before.status !== after.status ? `customer.status.${after.status.toLowerCase()}` : "customer.update";
    await recordAudit(tx, { actor, action, targetType: "Customer", targetId: after.id, before: publicCustomer(before), after: publicCustomer(after) });
    return publicCustomer(after);
  });
}
