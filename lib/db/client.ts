// The one Prisma client of the process, logged in as the RLS-bound app role. Use it only
// through withTenant() / withSystem() (lib/db/scope.ts): outside them no tenant is set and
// every tenant-owned table reads as empty.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";
import { appDatabaseUrl } from "./urls";

type Global = typeof globalThis & { __ispPrisma?: PrismaClient; __ispPool?: pg.Pool };

/**
 * The app role's connections, shared by Prisma and the few hot reads that are a single SQL
 * function call (the session's actor, the customers list): those skip Prisma's per-query work
 * (~0.2 ms of CPU each). Like Prisma outside withTenant(), a bare query here has no tenant set.
 */
export function appPool(): pg.Pool {
  const g = globalThis as Global;
  g.__ispPool ??= new pg.Pool({
    connectionString: appDatabaseUrl(),
    max: Number(process.env.DB_POOL_SIZE ?? 10),
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
  });
  return g.__ispPool;
}

function create(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(appPool()), transactionOptions: { maxWait: 10_000, timeout: 20_000 } });
}

export function prisma(): PrismaClient {
  const g = globalThis as Global;
  g.__ispPrisma ??= create();
  return g.__ispPrisma;
}

export async function disconnectPrisma(): Promise<void> {
  const g = globalThis as Global;
  await g.__ispPrisma?.$disconnect();
  g.__ispPrisma = undefined;
  await g.__ispPool?.end();
  g.__ispPool = undefined;
}
