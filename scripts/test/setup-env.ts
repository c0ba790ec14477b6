import { afterAll, inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.APP_DATABASE_URL = inject("appDatabaseUrl");
process.env.RADIUS_DATABASE_URL = inject("radiusDatabaseUrl");
process.env.APP_ENCRYPTION_KEY = inject("appEncryptionKey");
// Tests run their RouterOS simulators on 127.0.0.1; the policy tests set their own.
process.env.ROUTER_API_ALLOW_LOCAL ??= "1";

afterAll(async () => {
  const { disconnectPrisma } = await import("@/lib/db");
  await disconnectPrisma();
});
