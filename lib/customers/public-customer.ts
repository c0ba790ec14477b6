import type { Customer } from "@/lib/db/generated/client";

export function publicCustomer(c: Customer) {
  return {
    id: c.id,
    tenantId: c.tenantId,
    operatorId: c.operatorId,
    username: c.username,
    name: c.name,
    mobile: c.mobile,
    email: c.email,
    address: c.address,
    status: c.status,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export type PublicCustomer = ReturnType<typeof publicCustomer>;
