// Integration tests run against a real PostgreSQL: a fresh `isp_test` database, migrated.
import type { TestProject } from "vitest/node";
import { resolveTestDatabase } from "../lib/resolve-database";
import { roleUrl } from "../lib/database";
import { localSecrets } from "../lib/secrets";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    appDatabaseUrl: string;
    radiusDatabaseUrl: string;
    appEncryptionKey: string;
  }
}

export default async function setup(project: TestProject) {
  const db = await resolveTestDatabase(process.env.TEST_DATABASE_NAME ?? "isp_test", { log: (m) => console.log(m) });
  project.provide("databaseUrl", db.url);
  project.provide("appDatabaseUrl", db.appUrl);
  project.provide("radiusDatabaseUrl", roleUrl(db.url, "isp_radius", localSecrets().radiusDbPassword));
  project.provide("appEncryptionKey", process.env.APP_ENCRYPTION_KEY!);
  return async () => {
    await db.stop();
  };
}
