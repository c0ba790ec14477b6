import { withTenant } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { assertCan, isStaff } from "@/lib/auth/permissions";
import type { OperatorActor } from "@/lib/audit/actor";
import { seal } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { changesFromForm, type FormBase } from "./customer-form-values";
import { customerVisibility } from "./customer-visibility";
import { updateCustomerSchema, type UpdateCustomerInput } from "./customers.schema";
import { publicCustomer } from "./public-customer";
import { resolveCustomerOwner } from "./resolve-customer-owner";
import { resolveNetworkFields } from "./resolve-network-fields";
import { applyCustomerChange } from "./customer-changed";

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
      expiryTyped: given("expiresAt") && (data.expiresAt ?? null) !== (before.expiresAt?.toISOString() ?? null),
      staticIp: given("staticIp") ? data.staticIp : before.staticIp,
      macAddress: given("macAddress") ? data.macAddress : before.macAddress,
      macLock: given("macLock") ? data.macLock : before.macLock,
    });
    // A reseller's customer is in service only for time paid from the reseller's wallet. Paid time
    // belongs to the package it was bought for: the package changes once it has run out, and a
    // customer given a package starts expired, to be recharged (lib/resellers/recharge.ts).
    if (!isStaff(actor.role) && network.packageId !== before.packageId) {
      const now = new Date();
      if (before.packageId && before.expiresAt && before.expiresAt > now) {
        throw new AppError("VALIDATION", { fieldErrors: { packageId: ["The customer has paid time left on its package: change the package when it runs out."] } });
      }
      if (network.packageId) network.expiresAt = now;
    }
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
    const action = before.status !== after.status ? `customer.status.${after.status.toLowerCase()}` : "customer.update";
    await applyCustomerChange(tx, { tenantId: actor.tenantId, before, after, passwordChanged: Boolean(passwordHash), reason: "customer changed", audit: { actor, action } });
    return publicCustomer(after);
  });
}

