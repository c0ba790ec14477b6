// Which PostgreSQL the product and the tests use.
//  - the product: DATABASE_URL if set, else an embedded server with its data in .data/pg;
//  - the tests:   DATABASE_URL if set, else 127.0.0.1:5432 if reachable, else embedded in .data/pg-test.
import path from "node:path";
import { appUrlFor, canConnect, ensureDatabase, migrateDeploy, roleUrl, setAppRolePassword, setRolePassword, startEmbedded, type Database } from "./database";
import { DATA_DIR, ensureAppEncryptionKey, localSecrets } from "./secrets";
import { ensureBossSchema } from "@/lib/jobs/local/boss-schema";

export async function resolveAppDatabase(options: { log?: (m: string) => void } = {}): Promise<Database> {
  const log = options.log ?? (() => {});
  ensureAppEncryptionKey();
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    log(`Using PostgreSQL from DATABASE_URL (${new URL(url).host}).`);
    return {
      url,
      appUrl: process.env.APP_DATABASE_URL ?? appUrlFor(url, process.env.APP_DB_PASSWORD),
      embedded: false,
      stop: async () => {},
    };
  }
  const secrets = localSecrets();
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54320);
  log(`Starting embedded PostgreSQL on 127.0.0.1:${port} (data in .data/pg)...`);
  const server = await startEmbedded({ dir: path.join(DATA_DIR, "pg"), port, password: secrets.pgPassword });
  const url = await ensureDatabase(server.adminUrl, "isp");
  return { url, appUrl: appUrlFor(url, secrets.appDbPassword), embedded: true, pid: server.pid, stop: server.stop };
}

/** Applies migrations and gives the app role the password the app will use. */
export async function prepareSchema(db: Database): Promise<void> {
  await migrateDeploy(db.url);
  await ensureBossSchema(db.url);
  const password = db.embedded ? localSecrets().appDbPassword : process.env.APP_DB_PASSWORD;
  if (password) await setAppRolePassword(db.url, password);
  const radiusPassword = db.embedded ? localSecrets().radiusDbPassword : process.env.RADIUS_DB_PASSWORD;
  if (radiusPassword) await setRolePassword(db.url, "isp_radius", radiusPassword);
}

/** Where FreeRADIUS connects: RADIUS_DATABASE_URL, else the database as isp_radius. */
export function radiusDatabaseUrl(db: Database): string {
  if (process.env.RADIUS_DATABASE_URL) return process.env.RADIUS_DATABASE_URL;
  return roleUrl(db.url, "isp_radius", db.embedded ? localSecrets().radiusDbPassword : process.env.RADIUS_DB_PASSWORD);
}

const LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

/** A server for tests and a fresh, migrated database on it named `name`. */
export async function resolveTestDatabase(name: string, options: { log?: (m: string) => void } = {}): Promise<Database> {
  const log = options.log ?? (() => {});
  ensureAppEncryptionKey();
  let adminUrl: string;
  let stop = async () => {};
  let embedded = false;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else if (await canConnect(LOCAL_SERVER)) {
    adminUrl = LOCAL_SERVER;
  } else {
    const port = Number(process.env.EMBEDDED_TEST_PG_PORT ?? 54321);
    log(`No PostgreSQL at DATABASE_URL or 127.0.0.1:5432; starting an embedded one on ${port}.`);
    const server = await startEmbedded({ dir: path.join(DATA_DIR, "pg-test"), port, password: localSecrets().pgPassword });
    adminUrl = server.adminUrl;
    stop = server.stop;
    embedded = true;
  }
  const url = await ensureDatabase(adminUrl, name, { recreate: true });
  const appPassword = localSecrets().appDbPassword;
  const db: Database = { url, appUrl: appUrlFor(url, appPassword), embedded, stop };
  await migrateDeploy(url);
  await ensureBossSchema(url);
  await setAppRolePassword(url, appPassword);
  await setRolePassword(url, "isp_radius", localSecrets().radiusDbPassword);
  return db;
}
