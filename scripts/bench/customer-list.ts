// Benchmark: the customers list over HTTP at 100k customers, 50 concurrent clients, through the
// real app (`next start`, session cookie, RLS): search, sort, filter and deep pages.
// Usage: npm run bench:list [-- --customers 100000 --clients 50 --seconds 10]
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { buildIsStale, nextBin, runNextBuild } from "../lib/build";
import { resolveTestDatabase } from "../lib/resolve-database";
import { generateSubscribers } from "./generate-subscribers";

const { values } = parseArgs({ options: { customers: { type: "string", default: "100000" }, clients: { type: "string", default: "50" }, seconds: { type: "string", default: "10" }, port: { type: "string", default: "3210" } } });
const CUSTOMERS = Number(values.customers);
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const PORT = Number(values.port);
const BASE = `http://127.0.0.1:${PORT}`;

const QUERIES: [string, string][] = [
  ["first page, newest first", "/api/customers"],
  ["page 2000 of 4000, by cursor (keyset)", "/api/customers?after=<cursor>"],
  ["page 2000 of 4000, by offset", "/api/customers?page=2000"],
  ["status filter, sorted by username", "/api/customers?status=SUSPENDED&sort=username&dir=asc"],
  ["substring search (trigram index)", "/api/customers?q=user0421"],
  ["broad search (all customers match)", "/api/customers?q=subscriber"],
];

async function signIn(email: string, password: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${BASE}/api/auth/callback/operator`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed (${res.status})`);
  return `${cookies}; ${session.split(";")[0]}`;
}

type LoadResult = { rate: number; p50: number; p95: number; p99: number; errors: number };

function hasWrk(): boolean {
  return spawnSync("wrk", ["--version"]).error === undefined;
}

/** wrk on loopback: one thread, CLIENTS connections, percentiles from its own histogram. */
async function runWrk(path: string, cookie: string): Promise<LoadResult> {
  const script = path.replace(/[^a-z0-9]/gi, "_");
  const lua = `${os.tmpdir()}/bench-list-${process.pid}-${script}.lua`;
  writeFileSync(
    lua,
    `done = function(s, l, r)\n  io.write(string.format("RESULT %f %f %f %f %d\\n", s.requests / (s.duration / 1e6), l:percentile(50) / 1000, l:percentile(95) / 1000, l:percentile(99) / 1000, s.errors.status + s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout))\nend\n`,
  );
  // Five seconds first, not counted: JIT and caches warm as in a server that has been up a while.
  spawnSync("wrk", ["-t1", `-c${CLIENTS}`, "-d5s", "--timeout", "10s", "-H", `cookie: ${cookie}`, BASE + path]);
  const out = spawnSync("wrk", ["-t1", `-c${CLIENTS}`, `-d${SECONDS}s`, "--timeout", "10s", "-s", lua, "-H", `cookie: ${cookie}`, BASE + path], { encoding: "utf8" });
  const m = /RESULT (\S+) (\S+) (\S+) (\S+) (\d+)/.exec(out.stdout);
  if (!m) throw new Error(`wrk failed: ${out.stderr || out.stdout}`);
  return { rate: Number(m[1]), p50: Number(m[2]), p95: Number(m[3]), p99: Number(m[4]), errors: Number(m[5]) };
}

/** The fallback: CLIENTS Node fetch loops (heavier on the CPU the app shares). */
async function runNodeClients(path: string, cookie: string): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await fetch(BASE + path, { headers: { cookie } }).catch(() => null);
        if (!res || !res.ok) errors++;
        else await res.arrayBuffer();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.floor(latencies.length * q)]!;
  return { rate: latencies.length / SECONDS, p50: p(0.5), p95: p(0.95), p99: p(0.99), errors };
}

async function main() {
  const db = await resolveTestDatabase("isp_bench_list", { log: console.log });
  process.env.DATABASE_URL = db.url;
  process.env.APP_DATABASE_URL = db.appUrl;
  console.log(`Generating ${CUSTOMERS} customers in one ISP...`);
  const pop = await generateSubscribers(db.url, { users: CUSTOMERS, routers: 2, tenants: 1 });
  const { hashPassword } = await import("@/lib/auth/password");
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query(
    `INSERT INTO operators (id, tenant_id, role, path, name, email, password_hash, updated_at) VALUES (gen_random_uuid(), $1, 'OWNER', '/', 'Bench Owner', 'bench-owner@example.test', $2, now())`,
    [pop.tenants[0], await hashPassword("bench-owner-pass")],
  );
  await admin.query("VACUUM ANALYZE");
  // What the nightly customers.search-stats job stores for this ISP (the search's common trigrams).
  const { refreshCustomerSearchStats } = await import("@/lib/customers/search-stats");
  const t0 = performance.now();
  const stats = await refreshCustomerSearchStats(pop.tenants[0]!);
  console.log(`Search statistics: ${stats.commonTrigrams} common trigrams over ${stats.customers} customers in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  // The cursor a client holds after 1,999 pages of 25, newest first: the 49,975th row's sort value and id.
  const { rows: [deep] } = await admin.query<{ created_at: Date; id: string }>(
    "SELECT created_at, id FROM customers WHERE tenant_id = $1 ORDER BY created_at DESC, id ASC OFFSET 49974 LIMIT 1",
    [pop.tenants[0]],
  );
  const cursor = Buffer.from(JSON.stringify([deep!.created_at.toISOString(), deep!.id])).toString("base64url");
  for (const q of QUERIES) q[1] = q[1].replace("<cursor>", cursor);
  await admin.end();

  const env = { ...process.env, NODE_OPTIONS: "--max-semi-space-size=32", NEXTAUTH_URL: BASE, NEXTAUTH_SECRET: "bench-secret", NEXT_TELEMETRY_DISABLED: "1", DB_POOL_SIZE: "10" };
  if (buildIsStale()) await runNextBuild(env);
  const server = spawn(nextBin(), ["start", "-p", String(PORT), "-H", "127.0.0.1"], { env, stdio: ["ignore", "ignore", "inherit"] });
  try {
    for (let i = 0; ; i++) {
      if (await fetch(`${BASE}/api/health`).catch(() => null)) break; // up; 503 only says no worker runs here
      if (i > 100) throw new Error("the app did not start");
      await new Promise((r) => setTimeout(r, 300));
    }
    const cookie = await signIn("bench-owner@example.test", "bench-owner-pass");
    console.log(`\nGET /api/customers at ${CUSTOMERS} customers, ${CLIENTS} concurrent clients, ${SECONDS} s per query:`);
    const wrk = hasWrk();
    console.log(`  load generator: ${wrk ? "wrk (1 thread)" : "Node fetch clients (install wrk for a lighter one)"}`);
    for (const [label, path] of QUERIES) {
      // Once more on a socket error: the keep-alive connection left idle may be closed under us.
      const get = () => fetch(BASE + path, { headers: { cookie } });
      const first = await get().catch(get);
      const body = (await first.json()) as { total?: number; totalIsLowerBound?: boolean };
      if (!first.ok) throw new Error(`${path}: ${first.status} ${JSON.stringify(body)}`);
      const r = wrk ? await runWrk(path, cookie) : await runNodeClients(path, cookie);
      const total = `${body.total}${body.totalIsLowerBound ? "+" : ""}`;
      console.log(`  ${label.padEnd(36)} ${r.rate.toFixed(0).padStart(5)} req/s  p50 ${r.p50.toFixed(0).padStart(4)} ms  p95 ${r.p95.toFixed(0).padStart(4)} ms  p99 ${r.p99.toFixed(0).padStart(4)} ms  (total ${total}, errors ${r.errors})`);
    }
  } finally {
    server.kill("SIGTERM");
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
