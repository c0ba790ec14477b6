import { withTenant } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { assertCan, can } from "@/lib/auth/permissions";
import { billingContext } from "@/lib/billing/billing-context";
import { startBilling } from "@/lib/billing/renewals/start-billing";
import { isResellerActor, payActivationFromWallet } from "@/lib/resellers/recharge";
import { AppError } from "@/lib/errors";
import type { OperatorActor } from "@/lib/audit/actor";
import { seal } from "@/lib/crypto/secret-box";
import { applyCustomerChange } from "./customer-changed";
import { createCustomerSchema, type CreateCustomerInput } from "./customers.schema";
import { publicCustomer } from "./public-customer";
import { resolveCustomerOwner } from "./resolve-customer-owner";
import { resolveNetworkFields } from "./resolve-network-fields";

/**
 * Creates a customer and its FreeRADIUS rows in one transaction. One password serves the portal and
 * PPPoE/hotspot. Its package applies at once: the expiry from the package's validity and the
 * opening invoice its billing mode asks for (lib/billing/renewals/start-billing.ts), unless the
 * ISP's staff typed an expiry (an override, audited with the creation) or made it complimentary.
 */
export async function createCustomer(actor: OperatorActor, input: CreateCustomerInput) {
  assertCan(actor, "customers:manage");
  const data = createCustomerSchema.parse(input);
  if (data.complimentary && !can(actor, "billing:complimentary")) {
    throw new AppError("VALIDATION", { fieldErrors: { complimentary: ["Only the ISP's owner or admins serve customers free of charge."] } });
  }
  if (data.skipOpeningCharge && !can(actor, "billing:manage")) {
    throw new AppError("VALIDATION", { fieldErrors: { skipOpeningCharge: ["Only the ISP's owner or admins move customers in without an opening charge."] } });
  }
  const passwordHash = await hashPassword(data.password);
  return withTenant(actor.tenantId, async (tx) => {
    const operatorId = await resolveCustomerOwner(tx, actor, data.operatorId);
    const network = await resolveNetworkFields(tx, actor, data);
    const customer = await tx.customer.create({
      data: {
        tenantId: actor.tenantId,
        operatorId,
        username: data.username,
        passwordHash,
        networkPasswordEnc: seal(data.password),
        name: data.name,
        mobile: data.mobile,
        email: data.email,
        address: data.address,
        notes: data.notes,
        ...network,
      },
    });
    const pkg = customer.packageId ? await tx.package.findUniqueOrThrow({ where: { id: customer.packageId } }) : null;
    const ctx = await billingContext(tx, actor.tenantId);
    const billing = data.skipOpeningCharge ? { expiresAt: null, invoiceId: null } : await startBilling(tx, ctx, customer, pkg, { complimentary: data.complimentary, operatorId: actor.id });
    // A reseller's prepaid customer: its first validity is paid from the reseller's wallet.
    if (isResellerActor(actor) && pkg && billing.expiresAt && billing.invoiceId) await payActivationFromWallet(tx, ctx, actor, customer.id, pkg, billing.invoiceId);
    const created = network.expiresAt || !billing.expiresAt ? customer : await tx.customer.update({ where: { id: customer.id }, data: { expiresAt: billing.expiresAt } });
    await applyCustomerChange(tx, {
      tenantId: actor.tenantId,
      before: null,
      after: created,
      reason: "customer created",
      audit: { actor, action: "customer.create", after: { ...publicCustomer(created), complimentary: data.complimentary, skipOpeningCharge: data.skipOpeningCharge, openingInvoiceId: billing.invoiceId } },
    });
    return publicCustomer(created);
  });
}
