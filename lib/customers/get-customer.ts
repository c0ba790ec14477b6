import { isUuid, withTenant } from "@/lib/db";
import type { Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { customerVisibility } from "./customer-visibility";
import { publicCustomer } from "./public-customer";

export async function getCustomerOrThrow(actor: Actor, id: string) {
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  const customer = await withTenant(actor.tenantId, (tx) =>
    tx.customer.findFirst({
      where: { AND: [customerVisibility(actor), { id }] },
      include: { operator: { select: { id: true, name: true, role: true } } },
    }),
  );
  if (!customer) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  return { ...publicCustomer(customer), owner: customer.operator };
}
