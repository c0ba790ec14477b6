import { withTenant } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { assertCan } from "@/lib/auth/permissions";
import type { OperatorActor } from "@/lib/audit/actor";
import { seal } from "@/lib/crypto/secret-box";
import { applyCustomerChange } from "./customer-changed";
import { createCustomerSchema, type CreateCustomerInput } from "./customers.schema";
import { publicCustomer } from "./public-customer";
import { resolveCustomerOwner } from "./resolve-customer-owner";
import { resolveNetworkFields } from "./resolve-network-fields";

/** Creates a customer and its FreeRADIUS rows in one transaction. One password serves the portal and PPPoE/hotspot. */
export async function createCustomer(actor: OperatorActor, input: CreateCustomerInput) {
  assertCan(actor, "customers:manage");
  const data = createCustomerSchema.parse(input);
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
    await applyCustomerChange(tx, { tenantId: actor.tenantId, before: null, after: customer, reason: "customer created", audit: { actor, action: "customer.create" } });
    return publicCustomer(customer);
  });
}
