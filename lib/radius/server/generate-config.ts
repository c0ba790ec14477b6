// Writes a runnable FreeRADIUS config directory from the templates in deploy/freeradius.
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { voucherKeyHex } from "../../vouchers/codes";

export type FreeradiusConfigOptions = {
  /** Where to write the config (created; existing files are overwritten). */
  dir: string;
  databaseUrl: string;
  listenAddress?: string;
  authPort: number;
  acctPort: number;
  /** Which source addresses may be routers (looked up in `nas`). */
  clientNetwork?: string;
  /** Seconds a looked-up router stays cached. */
  clientLifetime?: number;
  threads?: number;
  pool?: number;
  /** Write a radpostauth row for accepts too (rejects are always logged). */
  logAccepts?: boolean;
  /** Status-Server on 127.0.0.1:statusPort with its own secret (sites/status), for /api/health. */
  statusPort?: number;
  statusSecret?: string;
  /** The voucher code-hash key (hex) for hotspot cards; default: from APP_ENCRYPTION_KEY, none without it. */
  voucherKey?: string;
};

export const TEMPLATE_DIR = path.resolve(process.cwd(), "deploy/freeradius");

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/@@([A-Z_]+)@@/g, (m, key: string) => {
    if (!(key in values)) throw new Error(`freeradius template: no value for ${m}`);
    return values[key]!;
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function generateFreeradiusConfig(options: FreeradiusConfigOptions): string {
  const url = new URL(options.databaseUrl);
  const quote = (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  const values: Record<string, string> = {
    CONF_DIR: options.dir,
    LOG_DIR: path.join(options.dir, "log"),
    RUN_DIR: path.join(options.dir, "run"),
    DB_HOST: quote(decodeURIComponent(url.hostname)),
    DB_PORT: url.port || "5432",
    DB_USER: quote(decodeURIComponent(url.username)),
    DB_PASSWORD: quote(decodeURIComponent(url.password)),
    DB_NAME: quote(decodeURIComponent(url.pathname.slice(1))),
    LISTEN_ADDRESS: options.listenAddress ?? "127.0.0.1",
    AUTH_PORT: String(options.authPort),
    ACCT_PORT: String(options.acctPort),
    CLIENT_NETWORK: options.clientNetwork ?? "0.0.0.0/0",
    CLIENT_LIFETIME: String(options.clientLifetime ?? 60),
    THREADS: String(options.threads ?? 4),
    // Fewer connections than threads makes requests fail when all are busy.
    POOL: String(Math.max(options.pool ?? 4, options.threads ?? 4)),
    POSTAUTH_ACCEPT: options.logAccepts ? "sql" : "",
    STATUS_PORT: String(options.statusPort ?? 0),
    STATUS_SECRET: quote(options.statusSecret ?? ""),
    VOUCHER_KEY: options.voucherKey ?? (process.env.APP_ENCRYPTION_KEY ? voucherKeyHex() : ""),
  };
  mkdirSync(options.dir, { recursive: true, mode: 0o750 });
  for (const sub of ["log", "run"]) mkdirSync(path.join(options.dir, sub), { recursive: true, mode: 0o750 });
  for (const file of walk(TEMPLATE_DIR)) {
    if (path.relative(TEMPLATE_DIR, file) === path.join("sites", "status") && !(options.statusPort && options.statusSecret)) continue;
    const target = path.join(options.dir, path.relative(TEMPLATE_DIR, file));
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o750 });
    writeFileSync(target, fill(readFileSync(file, "utf8"), values), { mode: 0o640 });
    chmodSync(target, 0o640); // radiusd refuses world-writable configuration
  }
  return options.dir;
}

