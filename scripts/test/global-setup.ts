// Integration tests run against a real PostgreSQL: a fresh `isp_test` database, migrated.
import type { TestProject } from "vitest/node";
import { resolveTestDatabase } from "../lib/resolve-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    appDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const db = await resolveTestDatabase(process.env.TEST_DATABASE_NAME ?? "isp_test", { log: (m) => console.log(m) });
  project.provide("databaseUrl", db.url);
  project.provide("appDatabaseUrl", db.appUrl);
  return async () => {
    await db.stop();
  };
}
