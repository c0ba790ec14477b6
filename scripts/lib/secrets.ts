// Secrets for a machine with nothing configured, generated once and kept in .data/ (git-ignored).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const DATA_DIR = path.resolve(process.cwd(), ".data");

export type LocalSecrets = { pgPassword: string; appDbPassword: string; radiusDbPassword: string; nextauthSecret: string; appEncryptionKey: string; radiusStatusSecret: string };

export function localSecrets(): LocalSecrets {
  mkdirSync(DATA_DIR, { recursive: true, mode: 0o755 });
  const file = path.join(DATA_DIR, "secrets.json");
  const existing: Partial<LocalSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const secrets: LocalSecrets = {
    pgPassword: existing.pgPassword ?? randomBytes(18).toString("base64url"),
    appDbPassword: existing.appDbPassword ?? randomBytes(18).toString("base64url"),
    radiusDbPassword: existing.radiusDbPassword ?? randomBytes(18).toString("base64url"),
    nextauthSecret: existing.nextauthSecret ?? randomBytes(32).toString("base64url"),
    appEncryptionKey: existing.appEncryptionKey ?? randomBytes(32).toString("base64"),
    radiusStatusSecret: existing.radiusStatusSecret ?? randomBytes(18).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  return secrets;
}

/** APP_ENCRYPTION_KEY from the environment, else the machine's generated one (set into the environment). */
export function ensureAppEncryptionKey(): string {
  process.env.APP_ENCRYPTION_KEY ??= localSecrets().appEncryptionKey;
  return process.env.APP_ENCRYPTION_KEY;
}
