// Benchmark: what the tenant wrapper (transaction + app.tenant_id + row-level security) costs.
// Loads 2 tenants x 100k customers, then runs the same queries three ways for a fixed time each:
//   direct     superuser client, no transaction, RLS bypassed (tenantId in the where only)
//   withTenant one interactive transaction per query, tenant set, RLS enforced (the app's path)
//   tenantClient the per-operation extension (batch transaction per query), RLS enforced
// Usage: npm run bench:rls [-- --seconds 5 --concurrency 8]
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { resolveTestDatabase } from "../lib/resolve-database";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "5" }, concurrency: { type: "string", default: "8" }, rows: { type: "string", default: "100000" } } });
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const ROWS = Number(values.rows);

type Query = (i: number) => Promise<unknown>;

async function measure(name: string, query: Query) {
  for (let i = 0; i < 50; i++) await query(i); // warm up
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await query(n++);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(2);
  const qps = latencies.length / SECONDS;
  console.log(`${name.padEnd(44)} ${qps.toFixed(0).padStart(7)} q/s   p50 ${q(0.5).padStart(6)} ms   p95 ${q(0.95).padStart(6)} ms`);
  return qps;
}

async function main() {
  const db = await resolveTestDatabase("isp_bench", { log: console.log });
  process.env.DATABASE_URL = db.url;
  process.env.APP_DATABASE_URL = db.appUrl;
  process.env.DB_POOL_SIZE = String(CONCURRENCY);
  const { prisma, tenantClient, withTenant, disconnectPrisma } = await import("@/lib/db");
  const { PrismaClient } = await import("@/lib/db/generated/client");
  const { listCustomers, CUSTOMER_LIST_SPEC } = await import("@/lib/customers/list-customers");
  const { parseListQuery } = await import("@/lib/lists/list-query");

  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  console.log(`Loading 2 tenants x ${ROWS} customers...`);
  const t0 = performance.now();
  const tenants: string[] = [];
  for (const slug of ["bench-a", "bench-b"]) {
    const { rows } = await admin.query(
      `INSERT INTO tenants (id, slug, name, country, currency, timezone, updated_at) VALUES (gen_random_uuid(), $1, $1, 'KE', 'KES', 'Africa/Nairobi', now()) RETURNING id`,
      [slug],
    );
    const tenantId = rows[0].id as string;
    tenants.push(tenantId);
    await admin.query(
      `INSERT INTO customers (id, tenant_id, username, password_hash, name, mobile, status, created_at, updated_at)
       SELECT gen_random_uuid(), $1, 'cust' || lpad(g::text, 6, '0'), 'x', 'Customer ' || g, '+2547' || lpad(g::text, 8, '0'),
              (ARRAY['ACTIVE','ACTIVE','ACTIVE','SUSPENDED','EXPIRED'])[1 + g % 5]::"CustomerStatus", now() - (g || ' minutes')::interval, now()
       FROM generate_series(1, $2) g`,
      [tenantId, ROWS],
    );
  }
  await admin.query("ANALYZE");
  console.log(`Loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const tenantId = tenants[0]!;
  const username = (i: number) => `cust${String(1 + ((i * 7919) % ROWS)).padStart(6, "0")}`;

  const direct = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url, max: CONCURRENCY }) });
  const scoped = tenantClient(tenantId);
  prisma();

  console.log(`Point lookup by username (unique index), ${CONCURRENCY} in flight, ${SECONDS} s each:`);
  const a = await measure("direct (no RLS, no transaction)", (i) => direct.customer.findFirst({ where: { tenantId, username: username(i) } }));
  const b = await measure("withTenant (transaction + RLS)", (i) => withTenant(tenantId, (tx) => tx.customer.findFirst({ where: { tenantId, username: username(i) } })));
  const c = await measure("tenantClient (batch transaction + RLS)", (i) => scoped.customer.findFirst({ where: { tenantId, username: username(i) } }));
  const d = await measure("withTenant, 3 queries per transaction", (i) =>
    withTenant(tenantId, async (tx) => {
      await tx.customer.findFirst({ where: { tenantId, username: username(i) } });
      await tx.customer.findFirst({ where: { tenantId, username: username(i + 1) } });
      await tx.customer.findFirst({ where: { tenantId, username: username(i + 2) } });
    }),
  );
  console.log(`  overhead per query: withTenant ${(100 * (1 - b / a)).toFixed(0)}%, tenantClient ${(100 * (1 - c / a)).toFixed(0)}%, withTenant amortized over 3 queries ${(100 * (1 - (3 * d) / a)).toFixed(0)}%\n`);

  console.log("List page (25 rows ordered by created_at, plus count), like the customers table:");
  const e = await measure("direct (no RLS, no transaction)", async () =>
    Promise.all([direct.customer.count({ where: { tenantId } }), direct.customer.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" }, take: 25 })]),
  );
  const f = await measure("withTenant (transaction + RLS)", () =>
    withTenant(tenantId, (tx) => Promise.all([tx.customer.count({ where: { tenantId } }), tx.customer.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" }, take: 25 })])),
  );
  console.log(`  overhead: ${(100 * (1 - f / e)).toFixed(0)}%\n`);

  console.log(`The customers list at ${ROWS} rows (listCustomers, as the admin panel calls it):`);
  const owner = { kind: "OPERATOR" as const, id: "00000000-0000-0000-0000-000000000000", tenantId, role: "OWNER" as const, name: "bench", path: "/" };
  for (const [label, params] of [
    ["first page", {}],
    ["page 2000 of 4000 (deep offset)", { page: "2000" }],
    ["status filter, sorted by username", { status: "SUSPENDED", sort: "username", dir: "asc" }],
    ["search 'cust0421' (substring)", { q: "cust0421" }],
  ] as const) {
    const query = parseListQuery(params, CUSTOMER_LIST_SPEC);
    const runs: number[] = [];
    for (let i = 0; i < 12; i++) {
      const s = performance.now();
      await listCustomers(owner, query);
      runs.push(performance.now() - s);
    }
    runs.sort((x, y) => x - y);
    console.log(`  ${label.padEnd(40)} median ${runs[6]!.toFixed(1)} ms`);
  }

  await direct.$disconnect();
  await disconnectPrisma();
  await admin.end();
  await db.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
