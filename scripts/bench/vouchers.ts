// Benchmark: voucher cards through the real path. A reseller buys a batch from its wallet, the
// vouchers.generate job on the local driver makes the cards (from the outbox event to READY), for
// 10,000 and then 100,000 cards; then 50 concurrent clients redeem codes (each code sent by two
// clients at once, so every code is fought over) and the benchmark counts double redemptions.
// Usage: npm run bench:vouchers [-- --sizes 10000,100000 --redeem 2000 --clients 50].
// Recreates the database isp_bench_vouchers.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { resolveTestDatabase } from "../lib/resolve-database";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "10000,100000" }, redeem: { type: "string", default: "2000" }, clients: { type: "string", default: "50" } } });
const SIZES = values.sizes.split(",").map(Number);
const REDEEM = Number(values.redeem);
const CLIENTS = Number(values.clients);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const db = await resolveTestDatabase("isp_bench_vouchers", { log: console.log });
  process.env.DATABASE_URL = db.url;
  process.env.APP_DATABASE_URL = db.appUrl;
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
  const { disconnectPrisma, withTenant } = await import("@/lib/db");
  const { signUpTenant } = await import("@/lib/tenants/sign-up-tenant");
  const { savePackage } = await import("@/lib/packages/save-package");
  const { createOperator } = await import("@/lib/operators/create-operator");
  const { moveWalletMoney } = await import("@/lib/resellers/wallets");
  const { createVoucherBatch } = await import("@/lib/vouchers/batches");
  const { readBatchCards } = await import("@/lib/vouchers/sheets");
  const { redeemVoucher } = await import("@/lib/vouchers/redeem");
  const { generateVouchersJob } = await import("@/lib/vouchers/vouchers.jobs");
  const { LocalDriver } = await import("@/lib/jobs/local/local-driver");
  const { ensureBossSchema } = await import("@/lib/jobs/local/boss-schema");
  const { relayTransactional } = await import("@/lib/jobs/outbox/relay");
  const { waitFor } = await import("@/lib/jobs/testing");
  const { reconcileLedger } = await import("@/lib/ledger");

  const slug = `bench-vouchers-${Date.now()}`;
  const { tenantId, ownerId } = await signUpTenant({ name: "Bench ISP", slug, country: "KE", currency: "KES", timezone: "Africa/Nairobi", ownerName: "Bench Owner", email: `${slug}@example.test`, password: "bench-pass-1234" });
  const owner = { kind: "OPERATOR" as const, id: ownerId, tenantId, role: "OWNER" as const, name: "Bench Owner", path: "/" };
  const pkg = await savePackage(owner, { name: "Hotspot day", price: "50", resellerPrice: "40", resellerVisible: true, validityValue: 1, validityUnit: "DAY", rateDown: "5M", rateUp: "1M", connectionTypes: ["HOTSPOT"] });
  const r = await createOperator(owner, { role: "RESELLER", name: "Bench Reseller", email: `${slug}-r@example.test`, password: "bench-pass-1234", commissionShare: "0" });
  const reseller = { kind: "OPERATOR" as const, id: r.id, tenantId, role: "RESELLER" as const, name: r.name, path: r.path };
  await moveWalletMoney(owner, { operatorId: r.id, direction: "IN", via: "CASH", amount: "100000000", idempotencyKey: randomUUID() });

  const queue = "bench-vouchers";
  await ensureBossSchema(db.url, [queue]);
  const driver = new LocalDriver({ connectionString: db.appUrl, definitions: [generateVouchersJob] as never, queue, workers: 1, pollingIntervalSeconds: 0.2 });
  await driver.start({ work: true });
  console.log(`\nVouchers: ${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`);

  let batchForRedeem: string | null = null;
  for (const size of SIZES) {
    const t0 = performance.now();
    const batch = await createVoucherBatch(reseller, { packageId: pkg.id, quantity: size, prefix: "HS", codeLength: 10, idempotencyKey: randomUUID() });
    await relayTransactional((tx, rows) => driver.deliver(tx, rows), 100, { names: driver.eventNames });
    const done = await waitFor(async () => {
      const b = await withTenant(tenantId, (tx) => tx.voucherBatch.findUniqueOrThrow({ where: { id: batch.id } }));
      return b.status !== "GENERATING" ? b : null;
    }, 30 * 60_000, 100);
    const t1 = performance.now();
    console.log(`  ${size.toLocaleString("en")} cards: ${s(t1 - t0)} from the form to READY (${done.status}, ${done.generated.toLocaleString("en")} made, ${Math.round((size / (t1 - t0)) * 1000).toLocaleString("en")} cards/s)`);
    batchForRedeem ??= batch.id;
  }

  // Redemption: REDEEM codes, each sent by two of CLIENTS concurrent clients, every customer its own.
  const { cards } = await readBatchCards(reseller, batchForRedeem!, "csv");
  const codes = cards.slice(0, REDEEM).map((c) => c.code);
  await withTenant(tenantId, (tx) =>
    tx.$executeRaw`INSERT INTO customers (id, tenant_id, username, password_hash, name, updated_at)
      SELECT gen_random_uuid(), ${tenantId}::uuid, format('v%s', g), 'x', format('Voucher %s', g), now() FROM generate_series(1, ${REDEEM * 2}) g`,
  );
  const customers = (await withTenant(tenantId, (tx) => tx.customer.findMany({ where: { tenantId }, select: { id: true }, orderBy: { username: "asc" } }))).map((c) => c.id);
  const jobs = codes.flatMap((code, i) => [
    { code, customerId: customers[2 * i]!, ip: `10.9.${(i >> 8) & 255}.${i & 255}` },
    { code, customerId: customers[2 * i + 1]!, ip: `10.8.${(i >> 8) & 255}.${i & 255}` },
  ]);
  let next = 0;
  let ok = 0;
  let refused = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < jobs.length) {
        const j = jobs[next++]!;
        try {
          await redeemVoucher(owner, { customerId: j.customerId, code: j.code }, { ip: j.ip });
          ok++;
        } catch (e) {
          if ((e as { code?: string }).code === "VALIDATION") refused++;
          else errors++;
        }
      }
    }),
  );
  const t1 = performance.now();
  const [counts] = await withTenant(tenantId, (tx) =>
    tx.$queryRaw<{ redeemed: bigint; payments: bigint; doubles: bigint }[]>`
      SELECT (SELECT count(*) FROM vouchers WHERE tenant_id = ${tenantId}::uuid AND state = 'REDEEMED')::bigint AS redeemed,
             (SELECT count(*) FROM payments WHERE tenant_id = ${tenantId}::uuid AND method = 'VOUCHER')::bigint AS payments,
             (SELECT count(*) FROM (SELECT reference FROM payments WHERE tenant_id = ${tenantId}::uuid AND method = 'VOUCHER' GROUP BY reference HAVING count(*) > 1) d)::bigint AS doubles`,
  );
  const books = await withTenant(tenantId, (tx) => reconcileLedger(tx, tenantId));
  console.log(
    `  redemption: ${jobs.length.toLocaleString("en")} attempts on ${codes.length.toLocaleString("en")} codes from ${CLIENTS} clients in ${s(t1 - t0)} (${Math.round((jobs.length / (t1 - t0)) * 1000)} attempts/s): ${ok} redeemed, ${refused} refused, ${errors} errors; cards redeemed ${counts!.redeemed}, voucher payments ${counts!.payments}, double redemptions ${counts!.doubles}; trial balance ${books.ok ? "0" : "NOT 0"}`,
  );
  await driver.stop();
  await disconnectPrisma();
  await db.stop();
  if (counts!.doubles !== 0n || ok !== codes.length || !books.ok) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
