import { afterAll, inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.APP_DATABASE_URL = inject("appDatabaseUrl");

afterAll(async () => {
  const { disconnectPrisma } = await import("@/lib/db");
  await disconnectPrisma();
});
