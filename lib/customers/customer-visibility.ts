import type { Prisma } from "@/lib/db/generated/client";
import type { Actor } from "@/lib/audit/actor";
import { isStaff } from "@/lib/auth/permissions";

/**
 * The one place that decides which customers an actor may see or act on: staff the whole
 * ISP, a reseller the customers of its subtree, a sub-reseller its own, a customer itself.
 */
export function customerVisibility(actor: Actor): Prisma.CustomerWhereInput {
  switch (actor.kind) {
    case "CUSTOMER":
      return { tenantId: actor.tenantId, id: actor.id };
    case "SYSTEM":
      return { tenantId: actor.tenantId };
    case "OPERATOR":
      if (isStaff(actor.role)) return { tenantId: actor.tenantId };
      if (actor.role === "RESELLER") return { tenantId: actor.tenantId, operator: { path: { startsWith: actor.path } } };
      return { tenantId: actor.tenantId, operatorId: actor.id };
  }
}

/**
 * The same rule as customerVisibility() for an operator, in the form the SQL list function
 * customer_list_page() takes (keep the two side by side).
 */
export type CustomerScope = { scope: "all" } | { scope: "subtree"; path: string } | { scope: "own"; operatorId: string };

export function customerScope(actor: Extract<Actor, { kind: "OPERATOR" }>): CustomerScope {
  if (isStaff(actor.role)) return { scope: "all" };
  if (actor.role === "RESELLER") return { scope: "subtree", path: actor.path };
  return { scope: "own", operatorId: actor.id };
}
