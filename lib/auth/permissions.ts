import type { OperatorRole } from "@/lib/db/generated/enums";
import type { OperatorActor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";

export type Permission =
  | "dashboard:view"
  | "settings:manage"
  | "operators:view"
  | "operators:manage"
  | "subresellers:manage"
  | "customers:view"
  | "customers:manage"
  /** A CSV import of many customers at once (owner, admins, resellers into their own subtree). */
  | "customers:import"
  | "audit:view"
  | "jobs:view"
  | "jobs:manage"
  | "packages:view"
  | "packages:manage"
  | "routers:view"
  | "routers:manage"
  /** Invoices, payments, balances and the books (ledger, trial balance, reconciliations): reading. Staff only. */
  | "billing:view"
  /** Taking money: recording payments, renewing customers. */
  | "billing:collect"
  /** Invoices by hand, voids, credit notes, payment reversals. */
  | "billing:manage"
  /** Tax rates, numbering, legal details, grace and due days. */
  | "billing:settings"
  /** Serving a customer free of charge. */
  | "billing:complimentary";

const STAFF_ALL: Permission[] = [
  "dashboard:view",
  "settings:manage",
  "operators:view",
  "operators:manage",
  "customers:view",
  "customers:manage",
  "customers:import",
  "audit:view",
  "jobs:view",
  "jobs:manage",
  "packages:view",
  "packages:manage",
  "routers:view",
  "routers:manage",
  "billing:view",
  "billing:collect",
  "billing:manage",
  "billing:settings",
  "billing:complimentary",
];

const ROLE_PERMISSIONS: Record<OperatorRole, ReadonlySet<Permission>> = {
  OWNER: new Set(STAFF_ALL),
  ADMIN: new Set(STAFF_ALL),
  MANAGER: new Set<Permission>(["dashboard:view", "operators:view", "customers:view", "customers:manage", "audit:view", "jobs:view", "packages:view", "routers:view", "billing:view", "billing:collect"]),
  RESELLER: new Set<Permission>(["customers:view", "customers:manage", "customers:import", "subresellers:manage", "packages:view"]),
  SUB_RESELLER: new Set<Permission>(["customers:view", "customers:manage", "packages:view"]),
};

export const STAFF_ROLES: readonly OperatorRole[] = ["OWNER", "ADMIN", "MANAGER"];
export const RESELLER_ROLES: readonly OperatorRole[] = ["RESELLER", "SUB_RESELLER"];

export function isStaff(role: OperatorRole): boolean {
  return STAFF_ROLES.includes(role);
}

export function can(actor: Pick<OperatorActor, "role">, permission: Permission): boolean {
  return ROLE_PERMISSIONS[actor.role].has(permission);
}

export function assertCan(actor: Pick<OperatorActor, "role">, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError("FORBIDDEN");
}

/** Which roles an operator may create or edit. */
export function manageableRoles(role: OperatorRole): OperatorRole[] {
  switch (role) {
    case "OWNER":
      return ["ADMIN", "MANAGER", "RESELLER", "SUB_RESELLER"];
    case "ADMIN":
      return ["ADMIN", "MANAGER", "RESELLER", "SUB_RESELLER"];
    case "RESELLER":
      return ["SUB_RESELLER"];
    default:
      return [];
  }
}
