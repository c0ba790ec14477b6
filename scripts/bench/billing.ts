// Benchmark: the monthly bill run and concurrent payments (issue 11, "Benchmark").
//  (a) 100,000 monthly customers in one tenant, due now: the bill run (runBillRun: ranges of
//      2,000 customers, two at a time, each one transaction of set-based statements and one
//      ledger_post) — seconds, invoices/s, ledger postings; the customers have no ledger accounts
//      yet (as if created before billing), so the time includes opening 200,000 accounts;
//  (b) the naive per-customer loop through the ORM (createDraftInvoice + issueInvoice, each in its
//      own withTenant) on 2,000 customers of another tenant: its rate, the projection to 100,000
//      and the speed-up;
//  (c) 10,000 payments, 32 at a time (receivePayment), against 1,000 customers with open invoices:
//      double allocations counted (must be 0), then reconcileLedger (trial balance 0, no discrepancy).
// Usage: npm run bench:billing [-- --customers 100000 --naive 2000 --payments 10000 --payers 1000 --concurrency 32 --parts abc].
// Recreates the database isp_bench_billing.
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { resolveTestDatabase } from "../lib/resolve-database";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    naive: { type: "string", default: "2000" },
    payments: { type: "string", default: "10000" },
    payers: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "32" },
    parts: { type: "string", default: "abc" },
  },
});
const CUSTOMERS = Number(values.customers);
const NAIVE = Number(values.naive);
const PAYMENTS = Number(values.payments);
const PAYERS = Number(values.payers);
const CONCURRENCY = Number(values.concurrency);
const PARTS = values.parts;
process.env.DB_POOL_SIZE ??= String(CONCURRENCY + 4);

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const fmt = (n: number) => Math.round(n).toLocaleString("en");

async function main() {
  const db = await resolveTestDatabase("isp_bench_billing", { log: console.log });
  process.env.DATABASE_URL = db.url;
  process.env.APP_DATABASE_URL = db.appUrl;
  const { disconnectPrisma, withTenant } = await import("@/lib/db");
  const { signUpTenant } = await import("@/lib/tenants/sign-up-tenant");
  const { savePackage } = await import("@/lib/packages/save-package");
  const { runBillRun } = await import("@/lib/billing/bill-run/run-bill-run");
  const { billingContext } = await import("@/lib/billing/billing-context");
  const { createDraftInvoice, issueInvoice } = await import("@/lib/billing/invoices/issue-invoice");
  const { receivePayment } = await import("@/lib/billing/payments/receive-payment");
  const { reconcileLedger } = await import("@/lib/ledger");

  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();

  async function tenant(label: string, mode: "MONTHLY_ADVANCE") {
    const slug = `bench-billing-${label}-${Date.now()}`;
    const { tenantId, ownerId } = await signUpTenant({ name: `Bench ${label}`, slug, country: "KE", currency: "KES", timezone: "Africa/Nairobi", ownerName: "Bench Owner", email: `${slug}@example.test`, password: "bench-pass-1234" });
    const owner = { kind: "OPERATOR" as const, id: ownerId, tenantId, role: "OWNER" as const, name: "Bench Owner", path: "/" };
    const pkg = await savePackage(owner, { name: "Home 10M", price: "1500", validityValue: 30, validityUnit: "DAY", rateDown: "10M", rateUp: "2M", connectionTypes: ["PPPOE"] });
    await admin.query(`UPDATE billing_settings SET default_mode = $2, billing_day = 1 WHERE tenant_id = $1`, [tenantId, mode]);
    return { tenantId, owner, pkg };
  }

  /** Customers on the package with a period that ended `endedAgo` ago, straight in SQL (as generate-subscribers does). */
  async function population(tenantId: string, packageId: string, count: number, prefix: string, periodEnd: Date) {
    await admin.query(
      `INSERT INTO customers (id, tenant_id, username, password_hash, name, status, package_id, updated_at)
       SELECT gen_random_uuid(), $1::uuid, $2 || g, 'x', 'Subscriber ' || g, 'ACTIVE', $3::uuid, now() FROM generate_series(1, $4::int) g`,
      [tenantId, prefix, packageId, count],
    );
    await admin.query(
      `INSERT INTO customer_billing (customer_id, tenant_id, period_start, period_end, anchor_at, updated_at)
       SELECT id, tenant_id, $2::timestamptz - interval '1 month', $2::timestamptz, $2::timestamptz - interval '1 month', now() FROM customers WHERE tenant_id = $1::uuid`,
      [tenantId, periodEnd],
    );
    await admin.query(`ANALYZE customers; ANALYZE customer_billing`);
    // The setup's writes (and an earlier run's) are flushed before anything is timed, so a
    // checkpoint they started does not land in the measurement.
    await admin.query("CHECKPOINT");
  }

  const cores = os.cpus().length;
  console.log(`\nBilling benchmark on ${cores} cores (load ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}), PostgreSQL ${(await admin.query("SHOW server_version")).rows[0].server_version}`);

  // (a) the fast bill run.
  let fastMs = 0;
  let t = performance.now();
  const now = new Date();
  const lastMonthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, -3)); // 1st, 00:00 Nairobi
  if (PARTS.includes("a")) {
  const a = await tenant("fast", "MONTHLY_ADVANCE");
  let t = performance.now();
  await population(a.tenantId, a.pkg.id, CUSTOMERS, "fast", lastMonthStart);
  console.log(`\n(a) ${fmt(CUSTOMERS)} monthly customers due, inserted in ${secs(performance.now() - t)}`);
  t = performance.now();
  const fast = await runBillRun(a.tenantId, undefined, {
    now,
    afterBatch: async (b, r) => {
      // The ledger tables start empty here: refresh their statistics once they hold a batch or two,
      // as autovacuum does on a live database (with none, the balance check at commit picks the
      // tenant index and turns quadratic; see docs/benchmarks.md).
      if (b === 0 || b === 4) await admin.query("ANALYZE ledger_entries; ANALYZE ledger_transactions; ANALYZE ledger_accounts; ANALYZE invoices; ANALYZE invoice_lines; ANALYZE outbox_events");
      if (b % 10 === 9) console.log(`    ${b + 1} ranges committed at ${secs(performance.now() - t)} (last: ${fmt(r.invoices)} invoices, ${r.firstNumber} .. ${r.lastNumber})`);
    },
  });
  fastMs = performance.now() - t;
  const fastCounts = (await admin.query(
    `SELECT (SELECT count(*) FROM invoices WHERE tenant_id = $1) AS invoices, (SELECT count(*) FROM invoice_lines WHERE tenant_id = $1) AS lines,
            (SELECT count(*) FROM ledger_transactions WHERE tenant_id = $1) AS txns, (SELECT count(*) FROM ledger_entries WHERE tenant_id = $1) AS entries,
            (SELECT count(DISTINCT number) FROM invoices WHERE tenant_id = $1) AS numbers`,
    [a.tenantId],
  )).rows[0];
  const fastRate = (fast.invoices / fastMs) * 1000;
  console.log(`    fast bill run: ${secs(fastMs)} for ${fmt(fast.invoices)} invoices in ${fast.batches} batches = ${fmt(fastRate)} invoices/s`);
  console.log(`    rows: ${fmt(Number(fastCounts.invoices))} invoices (${fmt(Number(fastCounts.numbers))} distinct numbers), ${fmt(Number(fastCounts.lines))} lines, ${fmt(Number(fastCounts.txns))} ledger transactions, ${fmt(Number(fastCounts.entries))} ledger entries`);
  const fastBooks = await withTenant(a.tenantId, (tx) => reconcileLedger(tx, a.tenantId));
  console.log(`    books: ${fastBooks.ok ? "balanced" : "NOT BALANCED"} (${JSON.stringify(fastBooks.trialBalance ?? null, (_k, v) => (typeof v === "bigint" ? v.toString() : v))})`);

  }

  // (b) the naive loop.
  if (PARTS.includes("b")) {
  const b = await tenant("naive", "MONTHLY_ADVANCE");
  await population(b.tenantId, b.pkg.id, NAIVE, "naive", lastMonthStart);
  const ids = (await admin.query(`SELECT id FROM customers WHERE tenant_id = $1 ORDER BY id`, [b.tenantId])).rows.map((r) => r.id as string);
  t = performance.now();
  for (const customerId of ids) {
    await withTenant(b.tenantId, async (tx) => {
      const ctx = await billingContext(tx, b.tenantId);
      const draft = await createDraftInvoice(tx, ctx, {
        customerId,
        source: "BILL_RUN",
        periodKey: "naive",
        packageId: b.pkg.id,
        idempotencyKey: `naive:${customerId}`,
        lines: [{ kind: "PERIOD", description: "Home 10M: one month", unitPriceMinor: 1500_00n, packageId: b.pkg.id }],
      });
      await issueInvoice(tx, ctx, draft.id, { at: now });
    });
  }
  const naiveMs = performance.now() - t;
  const naiveRate = (ids.length / naiveMs) * 1000;
  const projected = (CUSTOMERS / naiveRate) * 1000;
  console.log(`\n(b) naive ORM loop: ${fmt(ids.length)} customers in ${secs(naiveMs)} = ${naiveRate.toFixed(1)} invoices/s (${(naiveMs / ids.length).toFixed(1)} ms each)`);
  console.log(`    projected for ${fmt(CUSTOMERS)}: ${secs(projected)}; ${fastMs ? `the fast bill run is ${(projected / fastMs).toFixed(1)}x faster` : "(fast run not measured here)"}`);

  }

  // (c) concurrent payments.
  if (PARTS.includes("c")) {
  const c = await tenant("payments", "MONTHLY_ADVANCE");
  const threeMonthsAgo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1, -3));
  await population(c.tenantId, c.pkg.id, PAYERS, "payer", threeMonthsAgo);
  t = performance.now();
  const opened = await runBillRun(c.tenantId, undefined, { now });
  const payers = (await admin.query(`SELECT id FROM customers WHERE tenant_id = $1 ORDER BY id`, [c.tenantId])).rows.map((r) => r.id as string);
  console.log(`\n(c) ${fmt(PAYERS)} customers with ${fmt(opened.invoices)} open invoices (${secs(performance.now() - t)}); ${fmt(PAYMENTS)} payments, ${CONCURRENCY} at a time`);
  let next = 0;
  let failed = 0;
  let retried = 0;
  t = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= PAYMENTS) return;
      const customerId = payers[(i * 7919) % payers.length]!;
      // 1.00 .. 700.00, whole and fractional, so invoices end partly paid, paid and overpaid.
      const amountMinor = BigInt(100 + ((i * 104_729) % 70_000));
      for (let attempt = 0; ; attempt++) {
        try {
          await withTenant(c.tenantId, async (tx) => receivePayment(tx, await billingContext(tx, c.tenantId), { customerId, method: i % 3 ? "CASH" : "BANK_TRANSFER", amountMinor, idempotencyKey: `bench:${i}` }));
          break;
        } catch (e) {
          if (attempt < 5 && /deadlock|could not serialize|Transaction already closed|Unable to start a transaction|expired transaction/i.test(String(e))) {
            retried++;
            continue;
          }
          failed++;
          if (failed <= 3) console.error(e);
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const payMs = performance.now() - t;
  const check = (await admin.query(
    `SELECT
       (SELECT count(*) FROM payments WHERE tenant_id = $1) AS payments,
       (SELECT count(*) FROM invoices WHERE tenant_id = $1 AND paid_minor > total_minor) AS overpaid_invoices,
       (SELECT count(*) FROM (SELECT i.id FROM invoices i JOIN payment_allocations a ON a.invoice_id = i.id WHERE i.tenant_id = $1
                               GROUP BY i.id, i.total_minor, i.paid_minor HAVING sum(a.amount_minor) > i.total_minor OR sum(a.amount_minor) <> i.paid_minor) x) AS double_allocations,
       (SELECT count(*) FROM invoices WHERE tenant_id = $1 AND status = 'PAID') AS paid,
       (SELECT count(*) FROM invoices WHERE tenant_id = $1 AND status = 'PARTIALLY_PAID') AS partial`,
    [c.tenantId],
  )).rows[0];
  console.log(`    ${fmt(Number(check.payments))} payments recorded in ${secs(payMs)} = ${fmt((PAYMENTS / payMs) * 1000)} payments/s (${failed} failed, ${retried} retried)`);
  console.log(`    invoices paid ${fmt(Number(check.paid))}, partly paid ${fmt(Number(check.partial))}; paid above total: ${check.overpaid_invoices}; allocations above the total or not equal to paid: ${check.double_allocations}`);
  t = performance.now();
  const r = await withTenant(c.tenantId, (tx) => reconcileLedger(tx, c.tenantId));
  console.log(`    reconcileLedger: ${r.ok ? "OK" : "DISCREPANCY"} in ${secs(performance.now() - t)}: ${JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? v.toString() : v)).slice(0, 400)}`);

  }

  await admin.end();
  await disconnectPrisma();
  await db.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
