// The one Prisma client of the process, logged in as the RLS-bound app role. Use it only
// through withTenant() / withSystem() (lib/db/scope.ts): outside them no tenant is set and
// every tenant-owned table reads as empty.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { appDatabaseUrl } from "./urls";

type Global = typeof globalThis & { __ispPrisma?: PrismaClient };

function create(): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: appDatabaseUrl(),
    max: Number(process.env.DB_POOL_SIZE ?? 10),
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
  });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 20_000 } });
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
}
