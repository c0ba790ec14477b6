import type { Operator } from "@/lib/db/generated/client";

/** An operator without its secrets, safe to log, audit and send to the browser. */
export function publicOperator(op: Operator) {
  return {
    id: op.id,
    tenantId: op.tenantId,
    role: op.role,
    parentId: op.parentId,
    path: op.path,
    name: op.name,
    email: op.email,
    commissionShareBp: op.commissionShareBp,
    billingMode: op.billingMode,
    creditLimitMinor: op.creditLimitMinor.toString(),
    status: op.status,
    lastLoginAt: op.lastLoginAt,
    createdAt: op.createdAt,
  };
}

export type PublicOperator = ReturnType<typeof publicOperator>;
