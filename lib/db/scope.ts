// The two ways into the database. withTenant() is the everyday door: one transaction with
// app.tenant_id set, so PostgreSQL row-level security confines every statement to that tenant
// even if a where-clause is forgotten. withSystem() is the explicit, greppable escape for
// cross-tenant work (signup, login lookup, jobs): it switches to the BYPASSRLS role.
import type { Prisma } from "./generated/client";
import { prisma } from "./client";
import { SYSTEM_ROLE } from "./urls";

export type Tx = Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from URLs and forms are untrusted: check the shape before PostgreSQL sees them. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export async function withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error(`withTenant: invalid tenant id ${JSON.stringify(tenantId)}`);
  return prisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
    return fn(tx);
  });
}

/**
 * Cross-tenant work. `reason` names the caller in logs and code review; keep every call
 * site greppable as `withSystem(`.
 */
export async function withSystem<T>(reason: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!reason) throw new Error("withSystem needs a reason");
  return prisma().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL ROLE ${SYSTEM_ROLE}`);
    return fn(tx);
  });
}

/**
 * A client for one tenant where each single operation runs in its own transaction with the
 * tenant set. Handy for reads; multi-statement work belongs in withTenant().
 */
export function tenantClient(tenantId: string) {
  if (!UUID.test(tenantId)) throw new Error(`tenantClient: invalid tenant id ${JSON.stringify(tenantId)}`);
  const base = prisma();
  return base.$extends({
    query: {
      $allModels: {
        async $allOperations({ args, query }) {
          const [, result] = await base.$transaction([
            base.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`,
            query(args),
          ]);
          return result;
        },
      },
    },
  });
}
