// Where the app and the migrator connect. The migrator (DATABASE_URL) owns the schema; the app
// logs in as isp_app, a role that row-level security applies to (see docs/database.md).

export const APP_ROLE = "isp_app";
export const SYSTEM_ROLE = "isp_system";

export function migratorDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the product with `npm start`, which provides one.");
  return url;
}

/** APP_DATABASE_URL, else DATABASE_URL with the user switched to isp_app (password APP_DB_PASSWORD). */
export function appDatabaseUrl(): string {
  if (process.env.APP_DATABASE_URL) return process.env.APP_DATABASE_URL;
  const url = new URL(migratorDatabaseUrl());
  url.username = APP_ROLE;
  url.password = process.env.APP_DB_PASSWORD ?? "";
  return url.toString();
}
