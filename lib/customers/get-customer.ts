import { isUuid, withTenant } from "@/lib/db";
import type { Actor } from "@/lib/audit/actor";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { customerVisibility } from "./customer-visibility";
import { publicCustomer } from "./public-customer";

export async function getCustomerOrThrow(actor: Actor, id: string) {
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  const customer = await withTenant(actor.tenantId, (tx) =>
    tx.customer.findFirst({
      where: { AND: [customerVisibility(actor), { id }] },
      include: {
        operator: { select: { id: true, name: true, role: true } },
        // Named even when no longer on offer (archived package, disabled router): the edit form shows them as they are.
        package: { select: { id: true, name: true } },
        router: { select: { id: true, name: true } },
      },
    }),
  );
  if (!customer) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  // The router's name only for operators who may see routers.
  const router = actor.kind === "OPERATOR" && can(actor, "routers:view") ? customer.router : null;
  return { ...publicCustomer(customer), owner: customer.operator, package: customer.package, router };
}
