// Benchmark: reconcile an API-mode router holding 10k of our customers on the RouterOS simulator,
// through the production adapter and reconciler. First full sync, an unchanged run, then 1% of
// the customers changed (writes must equal the changes), then a naive remove-all/add-all of the
// same state for comparison (seed 000's way). Usage: npm run bench:reconcile [-- --customers
// 10000 --changed 100]. Recreates the database isp_bench_reconcile.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { resolveTestDatabase } from "../lib/resolve-database";

const { values } = parseArgs({ options: { customers: { type: "string", default: "10000" }, changed: { type: "string", default: "100" } } });
const CUSTOMERS = Number(values.customers);
const CHANGED = Math.floor(Number(values.changed) / 4) * 4;
const API_USER = "isp-api";
const API_PASSWORD = "bench-api-0042";

function ms(n: number): string {
  return `${Math.round(n).toLocaleString("en")} ms`;
}

async function main() {
  const db = await resolveTestDatabase("isp_bench_reconcile", { log: console.log });
  process.env.DATABASE_URL = db.url;
  process.env.APP_DATABASE_URL = db.appUrl;
  const { seal } = await import("@/lib/crypto/secret-box");
  const { hashPassword } = await import("@/lib/auth/password");
  const { disconnectPrisma, withTenant } = await import("@/lib/db");
  const { createRouterPool } = await import("@/lib/routeros");
  const { startRouterSim } = await import("@/lib/routeros/sim");
  const { reconcileRouter } = await import("@/lib/routers/provisioning/reconcile-router");
  const { loadDesiredState, ownerComment } = await import("@/lib/routers/provisioning/desired-state");
  const { readRouterItems } = await import("@/lib/routers/provisioning/read-router");
  const { MANAGED_MENUS } = await import("@/lib/routers/provisioning/managed-menus");

  const sim = await startRouterSim({ identity: "Bench-API", users: [{ name: API_USER, password: API_PASSWORD }] });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();

  // --- population, straight in SQL: half PPPoE, half static (IP + MAC), two packages, 2% suspended.
  const t0 = performance.now();
  const tenantId = (
    await client.query(`INSERT INTO tenants (id, slug, name, country, currency, timezone, updated_at) VALUES (gen_random_uuid(), $1, $1, 'KE', 'KES', 'Africa/Nairobi', now()) RETURNING id`, [`bench-${Date.now()}`])
  ).rows[0].id as string;
  const pkg = async (name: string, down: number, up: number) =>
    (
      await client.query(
        `INSERT INTO packages (id, tenant_id, name, price_minor, currency, validity_value, validity_unit, rate_down_bps, rate_up_bps, connection_types, updated_at)
         VALUES (gen_random_uuid(), $1, $2, 250000, 'KES', 30, 'DAY', $3, $4, '{PPPOE,STATIC}', now()) RETURNING id`,
        [tenantId, name, down, up],
      )
    ).rows[0].id as string;
  const p1 = await pkg("Home 10M", 10_000_000, 2_000_000);
  const p2 = await pkg("Home 20M", 20_000_000, 4_000_000);
  const routerId = (
    await client.query(
      `INSERT INTO routers (id, tenant_id, name, nas_ip, radius_secret_enc, mode, api_host, api_port, api_username, api_password_enc, updated_at)
       VALUES (gen_random_uuid(), $1, 'Bench router', '127.30.0.1', $2, 'API', $3, $4, $5, $6, now()) RETURNING id`,
      [tenantId, seal("bench-radius-secret"), sim.host, sim.port, API_USER, seal(API_PASSWORD)],
    )
  ).rows[0].id as string;
  await client.query(`INSERT INTO router_provisioning (router_id, tenant_id, arp_interface, updated_at) VALUES ($1, $2, 'bridge', now())`, [routerId, tenantId]);
  await client.query(
    `INSERT INTO customers (id, tenant_id, username, password_hash, network_password_enc, name, status, connection_type, package_id, expires_at, static_ip, mac_address, router_id, created_at, updated_at)
     SELECT gen_random_uuid(), $1, 'user' || lpad(g::text, 6, '0'), $2, $3, 'Subscriber ' || g,
            (CASE WHEN g % 50 = 0 THEN 'SUSPENDED' ELSE 'ACTIVE' END)::"CustomerStatus",
            (CASE WHEN g % 2 = 0 THEN 'PPPOE' ELSE 'STATIC' END)::"ConnectionType",
            (CASE WHEN g % 4 < 2 THEN $4 ELSE $5 END)::uuid,
            now() + interval '30 days',
            CASE WHEN g % 2 = 1 THEN ('10.' || (g >> 16) || '.' || ((g >> 8) & 255) || '.' || (g & 255))::inet END,
            CASE WHEN g % 2 = 1 THEN upper(concat_ws(':', '02', '00', lpad(to_hex((g >> 24) & 255), 2, '0'), lpad(to_hex((g >> 16) & 255), 2, '0'), lpad(to_hex((g >> 8) & 255), 2, '0'), lpad(to_hex(g & 255), 2, '0'))) END,
            $6, now(), now()
     FROM generate_series(1, $7) g`,
    [tenantId, await hashPassword("bench-pass-1"), seal("bench-pass-1"), p1, p2, routerId, CUSTOMERS],
  );
  await client.query("ANALYZE");
  console.log(`\n${CUSTOMERS.toLocaleString("en")} customers on one API-mode router (half PPPoE, half static with IP and MAC), generated in ${ms(performance.now() - t0)}.`);

  const pool = createRouterPool({ callTimeoutMs: 120_000 });
  const reconcile = async (label: string) => {
    sim.resetStats();
    const r = await reconcileRouter(tenantId, routerId, { pool });
    const p = r.phases!;
    console.log(
      `${label.padEnd(34)} ${ms(r.durationMs).padStart(10)}  writes ${String(r.writes).padStart(6)} (simulator counted ${sim.stats().writes})  ` +
        `items ${r.itemsOnRouter}  [claim ${p.claim}, db ${p.load}, router read ${p.read}, diff ${p.diff}, writes ${p.write}, bookkeeping ${p.save} ms]`,
    );
    return r;
  };

  console.log("\nReconcile (read each menu once, diff, write the difference):");
  const full = await reconcile("first full sync (empty router)");
  await reconcile("unchanged");

  // --- 1% changed: a quarter each of PPPoE suspended, PPPoE to the other package, static
  // suspended, static to the other package. Each is one field of one item on the router.
  const pick = async (type: string, n: number) =>
    (await client.query(`SELECT id FROM customers WHERE tenant_id = $1 AND connection_type = $2 AND status = 'ACTIVE' AND package_id = $3 ORDER BY username LIMIT $4`, [tenantId, type, p1, n])).rows.map(
      (r: { id: string }) => r.id,
    );
  const q = CHANGED / 4;
  const [pppoe, stat] = [await pick("PPPOE", 2 * q), await pick("STATIC", 2 * q)];
  await client.query(`UPDATE customers SET status = 'SUSPENDED', updated_at = now() WHERE id = ANY($1::uuid[])`, [[...pppoe.slice(0, q), ...stat.slice(0, q)]]);
  await client.query(`UPDATE customers SET package_id = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [[...pppoe.slice(q), ...stat.slice(q)], p2]);
  const changed = await reconcile(`${CHANGED} customers changed (${((CHANGED / CUSTOMERS) * 100).toFixed(1)}%)`);
  console.log(`  writes ${changed.writes === CHANGED ? "equal" : "DO NOT EQUAL"} the ${CHANGED} changes; goal < 5,000 ms: ${changed.durationMs < 5000 ? "met" : "MISSED"}.`);
  await reconcile("unchanged again");

  // --- naive: remove every item of ours, add everything again (the same final state).
  const desired = (await withTenant(tenantId, (tx) => loadDesiredState(tx, tenantId, routerId)))!;
  const api = pool.api({ id: routerId, host: sim.host, port: sim.port, username: API_USER, password: API_PASSWORD, timeoutMs: 120_000 });
  sim.resetStats();
  const n0 = performance.now();
  const onRouter = await readRouterItems(api);
  const items = [...onRouter.byKey.values()].flat();
  let naiveWrites = 0;
  const inParallel = async <T>(list: T[], fn: (x: T) => Promise<unknown>) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < list.length) {
          await fn(list[next++]!);
          naiveWrites++;
        }
      }),
    );
  };
  await inParallel(
    items.filter((i) => !MANAGED_MENUS[i.menu].profile),
    (i) => api.remove(MANAGED_MENUS[i.menu].path, i.id),
  );
  await inParallel(
    items.filter((i) => MANAGED_MENUS[i.menu].profile),
    (i) => api.remove(MANAGED_MENUS[i.menu].path, i.id),
  );
  const addAll = (list: typeof desired.items) =>
    inParallel(list, (item) => {
      const fields = Object.fromEntries(Object.entries(item.fields).filter(([, v]) => v !== ""));
      return api.add(MANAGED_MENUS[item.menu].path, MANAGED_MENUS[item.menu].tagged ? { ...fields, comment: ownerComment(item.owner) } : fields);
    });
  await addAll(desired.items.filter((i) => MANAGED_MENUS[i.menu].profile));
  await addAll(desired.items.filter((i) => !MANAGED_MENUS[i.menu].profile));
  const naiveMs = performance.now() - n0;
  console.log(`\nNaive remove-all/add-all of the same state (16 writes in flight, like the reconciler):`);
  console.log(`${"remove-all/add-all".padEnd(34)} ${ms(naiveMs).padStart(10)}  writes ${String(naiveWrites).padStart(6)} (simulator counted ${sim.stats().writes})`);
  const after = await reconcile("reconcile after the naive run");
  console.log(`  (the naive run left the same state: ${after.writes === 0 ? "yes, zero writes" : `no, ${after.writes} writes`})`);

  console.log(`\nSummary: full sync ${full.writes} writes; 1% changed: ${changed.writes} writes in ${ms(changed.durationMs)} vs naive ${naiveWrites} writes in ${ms(naiveMs)}.`);
  await pool.closeAll();
  await sim.close();
  await client.end();
  await disconnectPrisma();
  await db.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
