import { withTenant, type Tx } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { OperatorActor } from "@/lib/audit/actor";
import { seal } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { projectCustomer } from "@/lib/radius/project-customer";
import { changesFromForm, type FormBase } from "./customer-form-values";
import { customerVisibility } from "./customer-visibility";
import { updateCustomerSchema, type UpdateCustomerInput } from "./customers.schema";
import { publicCustomer } from "./public-customer";
import { resolveCustomerOwner } from "./resolve-customer-owner";
import { resolveNetworkFields } from "./resolve-network-fields";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { CUSTOMER_NETWORK_CHANGED, type CustomerNetworkChangedData } from "@/lib/radius/events";
import { liveChangeOf } from "@/lib/radius/live-change";
import { provisioningChanged, requestRouterSync } from "@/lib/routers/provisioning/request-router-sync";

/**
 * Changes the fields the input carries and nothing else: a field left out keeps its value, "" clears
 * an optional one. The edit form posts `base` (what it showed); fields posted as shown are left out
 * (customer-form-values.ts), so a save writes only what the operator touched.
 */
export async function updateCustomer(actor: OperatorActor, input: UpdateCustomerInput & { base?: FormBase }) {
  assertCan(actor, "customers:manage");
  const submitted: Record<string, unknown> = changesFromForm(input);
  const data = updateCustomerSchema.parse(submitted);
  const given = (field: keyof UpdateCustomerInput) => submitted[field] !== undefined;
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  return withTenant(actor.tenantId, async (tx) => {
    const before = await tx.customer.findFirst({ where: { AND: [customerVisibility(actor), { id: data.id }] } });
    if (!before) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
    const operatorId = given("operatorId") || actor.role === "SUB_RESELLER" ? await resolveCustomerOwner(tx, actor, data.operatorId) : before.operatorId;
    const network = await resolveNetworkFields(tx, actor, {
      connectionType: given("connectionType") ? data.connectionType : before.connectionType,
      packageId: given("packageId") ? data.packageId : (before.packageId ?? undefined),
      currentPackageId: before.packageId,
      routerId: given("routerId") ? data.routerId : undefined,
      expiresAt: given("expiresAt") ? data.expiresAt : (before.expiresAt?.toISOString() ?? null),
      staticIp: given("staticIp") ? data.staticIp : before.staticIp,
      macAddress: given("macAddress") ? data.macAddress : before.macAddress,
      macLock: given("macLock") ? data.macLock : before.macLock,
    });
    const status = data.status ?? before.status;
    const revoke = Boolean(passwordHash) || (before.status !== status && status === "DISABLED");
    const after = await tx.customer.update({
      where: { id: before.id },
      data: {
        operatorId,
        name: data.name ?? before.name,
        ...(given("mobile") ? { mobile: data.mobile } : {}),
        ...(given("email") ? { email: data.email } : {}),
        ...(given("address") ? { address: data.address } : {}),
        ...(given("notes") ? { notes: data.notes } : {}),
        status,
        ...network,
        // A new period (the expiry moved later) starts with a fresh data allowance.
        ...(network.expiresAt && (!before.expiresAt || network.expiresAt > before.expiresAt) ? { dataCapReachedAt: null } : {}),
        ...(passwordHash && data.password ? { passwordHash, networkPasswordEnc: seal(data.password) } : {}),
        ...(revoke ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    await projectCustomer(tx, after.id, { previousUsernames: before.macAddress ? [before.macAddress] : [] });
    const lapsedNow = after.expiresAt !== null && after.expiresAt <= new Date() && (before.expiresAt === null || before.expiresAt > new Date());
    const live = liveChangeOf(before, after, { passwordChanged: Boolean(passwordHash), lapsedNow, samePool: await samePool(tx, before.packageId, after.packageId) });
    if (live) {
      const data: CustomerNetworkChangedData = { customerId: after.id, ...live };
      await emitEvent(tx, { name: CUSTOMER_NETWORK_CHANGED, tenantId: actor.tenantId, data });
    }
    if (provisioningChanged(before, after, { passwordChanged: Boolean(passwordHash) })) {
      await requestRouterSync(tx, actor.tenantId, { routerIds: [before.routerId, after.routerId], customerIds: [after.id], liveChange: live?.mode ?? (before.routerId !== after.routerId ? "disconnect" : undefined), reason: "customer changed" });
    }
    const action = before.status !== after.status ? `customer.status.${after.status.toLowerCase()}` : "customer.update";
    await recordAudit(tx, { actor, action, targetType: "Customer", targetId: after.id, before: publicCustomer(before), after: publicCustomer(after) });
    return publicCustomer(after);
  });
}

/** Whether a package switch keeps the address pool (a live session can change speed, not address). */
async function samePool(tx: Tx, before: string | null, after: string | null): Promise<boolean> {
  if (before === after) return true;
  if (!before || !after) return false;
  const pools = await tx.package.findMany({ where: { id: { in: [before, after] } }, select: { ipPool: true } });
  return pools.length === 2 && pools[0]!.ipPool === pools[1]!.ipPool;
}
