export { prisma, appPool, disconnectPrisma } from "./client";
export { withTenant, withSystem, tenantClient, isUuid, type Tx } from "./scope";
export { Prisma } from "./generated/client";
export * from "./generated/enums";
