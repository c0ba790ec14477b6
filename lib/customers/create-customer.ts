import { withTenant } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { OperatorActor } from "@/lib/audit/actor";
import { createCustomerSchema, type CreateCustomerInput } from "./customers.schema";
import { publicCustomer } from "./public-customer";
import { resolveCustomerOwner } from "./resolve-customer-owner";

export async function createCustomer(actor: OperatorActor, input: CreateCustomerInput) {
  assertCan(actor, "customers:manage");
  const data = createCustomerSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return withTenant(actor.tenantId, async (tx) => {
    const operatorId = await resolveCustomerOwner(tx, actor, data.operatorId);
    const customer = await tx.customer.create({
      data: {
        tenantId: actor.tenantId,
        operatorId,
        username: data.username,
        passwordHash,
        name: data.name,
        mobile: data.mobile,
        email: data.email,
        address: data.address,
      },
    });
    await recordAudit(tx, { actor, action: "customer.create", targetType: "Customer", targetId: customer.id, after: publicCustomer(customer) });
    return publicCustomer(customer);
  });
}
