// FreeRADIUS group names. Package ids and tenant ids are UUIDs, so names never clash between ISPs.
export const packageGroup = (packageId: string) => `pkg:${packageId}`;
export const fupGroup = (packageId: string) => `pkg:${packageId}:fup`;
export const rejectGroup = (tenantId: string) => `tenant:${tenantId}:reject`;
export const captiveGroup = (tenantId: string) => `tenant:${tenantId}:captive`;
