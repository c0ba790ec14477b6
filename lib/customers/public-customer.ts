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
    connectionType: c.connectionType,
    packageId: c.packageId,
    routerId: c.routerId,
    expiresAt: c.expiresAt,
    staticIp: c.staticIp,
    macAddress: c.macAddress,
    macLock: c.macLock,
    lockedAt: c.lockedAt,
    lockReason: c.lockReason,
    notes: c.notes,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export type PublicCustomer = ReturnType<typeof publicCustomer>;
