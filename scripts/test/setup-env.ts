import { afterAll, inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.APP_DATABASE_URL = inject("appDatabaseUrl");
process.env.RADIUS_DATABASE_URL = inject("radiusDatabaseUrl");
process.env.APP_ENCRYPTION_KEY = inject("appEncryptionKey");

afterAll(async () => {
  const { disconnectPrisma } = await import("@/lib/db");
  await disconnectPrisma();
});
