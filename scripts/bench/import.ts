// Benchmark: a CSV import of 20,000 customers through the real path: upload + check (one
// validation of every row), then the customers.import job on the local driver (pg-boss, steps,
// batches of 1,000 with their RADIUS rows and audit), from the outbox event to DONE.
// Usage: npm run bench:import [-- --rows 20000]. Recreates the database isp_bench_import.
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { resolveTestDatabase } from "../lib/resolve-database";

const { values } = parseArgs({ options: { rows: { type: "string", default: "20000" } } });
const ROWS = Number(values.rows);

function ms(n: number): string {
  return `${Math.round(n).toLocaleString("en")} ms`;
}

/** A mix like a real export: PPPoE with package and expiry, hotspot with a MAC lock, static, a few bad rows. */
function generateCsv(rows: number): string {
  const lines = ["username,password,name,mobile,email,address,connection_type,package,expires_at,static_ip,mac,mac_lock,status,notes"];
  for (let i = 0; i < rows; i++) {
    const mac = `02:00:${[i >> 16, (i >> 8) & 255, i & 255].map((n) => n.toString(16).padStart(2, "0")).join(":")}:01`;
    const kind = i % 10;
    const base = `sub${String(i).padStart(6, "0")},pass-${i}-word,"Subscriber ${i}, Estate ${i % 97}",+2547${String(10_000_000 + i).slice(-8)},sub${i}@example.test,"Plot ${i}, Road ${i % 13}"`;
    if (i % 50 === 49) lines.push(`${base},PPPOE,Home 10M,31/01/2027,,,,,bad date`);
    else if (kind < 7) lines.push(`${base},PPPOE,Home 10M,2027-01-31 23:59,,,,${i % 25 === 0 ? "SUSPENDED" : "ACTIVE"},`);
    else if (kind < 9) lines.push(`${base},HOTSPOT,Home 10M,2027-02-28T12:00:00Z,,${mac},yes,ACTIVE,`);
    else lines.push(`${base},STATIC,Home 10M,,10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255 || 1},${mac},,ACTIVE,static`);
  }
  return lines.join("\r\n") + "\r\n";
}

async function main() {
  const db = await resolveTestDatabase("isp_bench_import", { log: console.log });
  process.env.DATABASE_URL = db.url;
  process.env.APP_DATABASE_URL = db.appUrl;
  const { disconnectPrisma, withTenant } = await import("@/lib/db");
  const { signUpTenant } = await import("@/lib/tenants/sign-up-tenant");
  const { savePackage } = await import("@/lib/packages/save-package");
  const { checkCustomerImport, getCustomerImport, startCustomerImport } = await import("@/lib/customers/import-customers");
  const { customerImport } = await import("@/lib/customers/customers.jobs");
  const { LocalDriver } = await import("@/lib/jobs/local/local-driver");
  const { ensureBossSchema } = await import("@/lib/jobs/local/boss-schema");
  const { relayTransactional } = await import("@/lib/jobs/outbox/relay");
  const { waitFor } = await import("@/lib/jobs/testing");

  const slug = `bench-import-${Date.now()}`;
  const { tenantId, ownerId } = await signUpTenant({ name: "Bench ISP", slug, country: "KE", currency: "KES", timezone: "Africa/Nairobi", ownerName: "Bench Owner", email: `${slug}@example.test`, password: "bench-pass-1234" });
  const owner = { kind: "OPERATOR" as const, id: ownerId, tenantId, role: "OWNER" as const, name: "Bench Owner", path: "/" };
  await savePackage(owner, { name: "Home 10M", price: "1500", validityValue: 30, validityUnit: "DAY", rateDown: "10M", rateUp: "2M", connectionTypes: ["PPPOE", "HOTSPOT", "STATIC"] });

  const csv = generateCsv(ROWS);
  const load = os.loadavg().map((n) => n.toFixed(2)).join(" ");
  console.log(`\nCSV import: ${ROWS.toLocaleString("en")} rows, ${(csv.length / 1e6).toFixed(1)} MB; ${os.cpus().length} cores, load average ${load}`);

  const queue = "bench-import";
  await ensureBossSchema(db.url, [queue]);
  const driver = new LocalDriver({ connectionString: db.appUrl, definitions: [customerImport] as never, queue, workers: 1, pollingIntervalSeconds: 0.5 });
  await driver.start({ work: true });

  const t0 = performance.now();
  const checked = await checkCustomerImport(owner, "bench.csv", new TextEncoder().encode(csv));
  const t1 = performance.now();
  console.log(`  upload + check:   ${ms(t1 - t0)}  (${checked.rowsReady.toLocaleString("en")} of ${checked.rowsTotal.toLocaleString("en")} ready, ${checked.problems.length} problems)`);
  await startCustomerImport(owner, checked.id);
  await relayTransactional((tx, rows) => driver.deliver(tx, rows), 100, { names: driver.eventNames });
  let last = -1;
  const done = await waitFor(async () => {
    const s = await getCustomerImport(owner, checked.id);
    if (s.rowsDone !== last && s.rowsDone % 5000 < 1000) console.log(`    ${s.rowsDone.toLocaleString("en")} rows at ${ms(performance.now() - t1)}`);
    last = s.rowsDone;
    return s.status === "DONE" || s.status === "FAILED" ? s : null;
  }, 20 * 60_000, 200);
  const t2 = performance.now();
  const customers = await withTenant(tenantId, (tx) => tx.customer.count());
  const radcheck = await withTenant(tenantId, (tx) => tx.radCheck.count());
  console.log(`  import job:       ${ms(t2 - t1)}  (${done.status}, ${done.created.toLocaleString("en")} created, ${done.problems.length} skipped; ${customers.toLocaleString("en")} customers, ${radcheck.toLocaleString("en")} radcheck rows)`);
  console.log(`  total:            ${ms(t2 - t0)}  (${Math.round((ROWS / (t2 - t0)) * 1000).toLocaleString("en")} rows/s); load average now ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`);
  await driver.stop();
  await disconnectPrisma();
  await db.stop();
  if (done.status !== "DONE" || t2 - t0 > 60_000) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
