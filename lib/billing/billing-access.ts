// Whose money an operator may touch: only that of customers visible to it (customerVisibility).
// Which operations it may do is the billing:* permission each service asserts.
import type { OperatorActor } from "@/lib/audit/actor";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { customerVisibility } from "@/lib/customers/customer-visibility";

export async function visibleCustomer(tx: Tx, actor: OperatorActor, customerId: string) {
  const customer = await tx.customer.findFirst({ where: { AND: [customerVisibility(actor), { id: customerId }] } });
  if (!customer) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  return customer;
}
