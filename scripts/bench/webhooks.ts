// Benchmark: payment callbacks through the real webhook path (lib/payments/webhooks.ts receiveWebhook
// behind a Node HTTP server, as the route calls it), against PostgreSQL and the fake Daraja.
// 1. 100 customers each start an M-Pesa payment; the fake phones pay but Daraja "loses" every
//    callback. Then 1,000 callbacks for those 100 payments (each success sent 7 times, plus 3 stale
//    "timeout" failures per payment) are delivered shuffled by 50 concurrent clients: the run must
//    end with exactly 100 payments, no double credit and a trial balance of 0.
// 2. Sustained: N more verified callbacks (repeats of real successes, each stored, token-checked
//    and recognised as a repeat) from 50 clients; callbacks per second.
// 3. Fresh: M new payments' first callbacks, each stored, token-checked, confirmed by a status
//    query to the fake, and credited (receipt, ledger, allocation); payments per second.
// Usage: npm run bench:webhooks [-- --payments 100 --sustained 5000 --fresh 500 --clients 50]. Recreates isp_bench_webhooks.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { resolveTestDatabase } from "../lib/resolve-database";

const { values } = parseArgs({ options: { payments: { type: "string", default: "100" }, sustained: { type: "string", default: "5000" }, fresh: { type: "string", default: "500" }, clients: { type: "string", default: "50" } } });
const FRESH = Number(values.fresh);
const PAYMENTS = Number(values.payments);
const SUSTAINED = Number(values.sustained);
const CLIENTS = Number(values.clients);

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Sends every request with `clients` in flight; returns the status codes. */
async function deliver(items: { url: string; body: string }[], clients: number): Promise<number[]> {
  const codes: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) {
        const it = items[next++]!;
        const r = await fetch(it.url, { method: "POST", headers: { "Content-Type": "application/json" }, body: it.body });
        await r.text();
        codes.push(r.status);
      }
    }),
  );
  return codes;
}

async function main() {
  const db = await resolveTestDatabase("isp_bench_webhooks", { log: console.log });
  process.env.DATABASE_URL = db.url;
  process.env.APP_DATABASE_URL = db.appUrl;
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
  const { startFakeDaraja } = await import("@/lib/payments/fakes/daraja");
  const { startWebhookServer } = await import("@/lib/payments/testing/webhook-server");
  const hooks = await startWebhookServer();
  process.env.NEXTAUTH_URL = hooks.url;
  const fake = await startFakeDaraja({ answerAfterMs: 20 });
  fake.setMode({ answer: "pay", delivery: "never" });

  const { disconnectPrisma, withTenant, withSystem } = await import("@/lib/db");
  const { signUpTenant } = await import("@/lib/tenants/sign-up-tenant");
  const { savePackage } = await import("@/lib/packages/save-package");
  const { createCustomer } = await import("@/lib/customers/create-customer");
  const { saveGateway } = await import("@/lib/payments/gateways-admin");
  const { startPayment } = await import("@/lib/payments/start");
  const { reconcileLedger } = await import("@/lib/ledger");

  const slug = `bench-hooks-${Date.now()}`;
  const { tenantId, ownerId } = await signUpTenant({ name: "Bench ISP", slug, country: "KE", currency: "KES", timezone: "Africa/Nairobi", ownerName: "Bench Owner", email: `${slug}@example.test`, password: "bench-pass-1234" });
  const owner = { kind: "OPERATOR" as const, id: ownerId, tenantId, role: "OWNER" as const, name: "Bench Owner", path: "/" };
  const gateway = await saveGateway(owner, {
    kind: "MPESA",
    name: "M-Pesa",
    mode: "SANDBOX",
    settings: { shortcode: "174379", transactionType: "CustomerPayBillOnline", baseUrl: fake.url },
    secrets: { consumerKey: "fake-consumer-key", consumerSecret: "fake-consumer-secret", passkey: "bench-passkey-1234" },
  });
  const pkg = await savePackage(owner, { name: "Home", price: "1000", validityValue: 30, validityUnit: "DAY", rateDown: "10M", rateUp: "2M", connectionTypes: ["PPPOE"] });
  console.log(`\nWebhooks: ${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`);

  // 1. 100 payments, their callbacks lost, then 1,000 callbacks shuffled.
  const started: string[] = [];
  for (let i = 0; i < PAYMENTS; i++) {
    const c = await createCustomer(owner, { username: `bench${i}`, password: "bench-pass-1234", name: `Bench ${i}`, connectionType: "PPPOE", packageId: pkg.id });
    // A distinct phone per payment (the fake allows one waiting prompt per phone); last digit 0-4 pays.
    const phone = `07${String(10_000_000 + i * 10).padStart(8, "0")}`;
    const s = await startPayment(owner, { customerId: c.id, gatewayId: gateway.id, purpose: "BALANCE", amount: "1000", phone, idempotencyKey: randomUUID() });
    started.push(s.gatewayPaymentId);
  }
  await fake.settled();
  const token = (await withSystem("bench: token", (tx) => tx.paymentGateway.findUniqueOrThrow({ where: { id: gateway.id } }))).pathToken;
  const url = `${hooks.url}/api/webhooks/daraja/${gateway.id}/${token}/stk`;
  const success = (p: (typeof fake.payments)[number]) =>
    JSON.stringify({
      Body: {
        stkCallback: {
          MerchantRequestID: p.merchantRequestId,
          CheckoutRequestID: p.checkoutRequestId,
          ResultCode: 0,
          ResultDesc: "The service request is processed successfully.",
          CallbackMetadata: { Item: [{ Name: "Amount", Value: p.amount }, { Name: "MpesaReceiptNumber", Value: p.receipt }, { Name: "PhoneNumber", Value: Number(p.phone) }] },
        },
      },
    });
  const failure = (p: (typeof fake.payments)[number]) => JSON.stringify({ Body: { stkCallback: { MerchantRequestID: p.merchantRequestId, CheckoutRequestID: p.checkoutRequestId, ResultCode: 1037, ResultDesc: "DS timeout user cannot be reached" } } });
  const items = shuffle(fake.payments.flatMap((p) => [...Array.from({ length: 7 }, () => ({ url, body: success(p) })), ...Array.from({ length: 3 }, () => ({ url, body: failure(p) }))]));
  let t0 = performance.now();
  const codes = await deliver(items, CLIENTS);
  const burstMs = performance.now() - t0;
  const [counts] = await withSystem("bench: counts", (tx) =>
    tx.$queryRaw<{ succeeded: bigint; payments: bigint; doubles: bigint }[]>`
      SELECT (SELECT count(*) FROM gateway_payments WHERE gateway_id = ${gateway.id}::uuid AND status = 'SUCCEEDED')::bigint AS succeeded,
             (SELECT count(*) FROM payments WHERE tenant_id = ${tenantId}::uuid AND method = 'MOBILE_MONEY')::bigint AS payments,
             (SELECT count(*) FROM (SELECT idempotency_key FROM payments WHERE tenant_id = ${tenantId}::uuid GROUP BY 1 HAVING count(*) > 1) d)::bigint AS doubles`,
  );
  const ok = (await withTenant(tenantId, (tx) => reconcileLedger(tx, tenantId))).ok;
  const byCode = codes.reduce<Record<number, number>>((m, c) => ((m[c] = (m[c] ?? 0) + 1), m), {});
  console.log(`  ${items.length} callbacks for ${PAYMENTS} payments, shuffled, ${CLIENTS} clients: ${(burstMs / 1000).toFixed(2)} s (${Math.round(items.length / (burstMs / 1000))}/s), answers ${JSON.stringify(byCode)}`);
  console.log(`  payments credited: ${counts!.succeeded} of ${PAYMENTS}; receipts: ${counts!.payments}; double credits: ${counts!.doubles}; trial balance ${ok ? "0" : "NOT 0"}`);

  // 2. Sustained: verified duplicates.
  const more = Array.from({ length: SUSTAINED }, (_, i) => ({ url, body: success(fake.payments[i % fake.payments.length]!) }));
  t0 = performance.now();
  const moreCodes = await deliver(more, CLIENTS);
  const sustainedMs = performance.now() - t0;
  const bad = moreCodes.filter((c) => c !== 200).length;
  const [stored] = await withSystem("bench: stored", (tx) => tx.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM webhook_requests WHERE gateway_id = ${gateway.id}::uuid`);
  console.log(`  sustained: ${SUSTAINED} verified repeat callbacks (stored, token checked, recognised) in ${(sustainedMs / 1000).toFixed(2)} s = ${Math.round(SUSTAINED / (sustainedMs / 1000))}/s; non-200: ${bad}; requests stored: ${stored!.n}`);

  // 3. Fresh payments: each first callback is confirmed at the gateway and credited.
  const customers = await withTenant(tenantId, (tx) => tx.customer.findMany({ select: { id: true }, orderBy: { username: "asc" } }));
  const firstFresh = fake.payments.length;
  for (let i = 0; i < FRESH; i++) {
    await startPayment(owner, { customerId: customers[i % customers.length]!.id, gatewayId: gateway.id, purpose: "BALANCE", amount: "10", phone: `07${String(20_000_000 + i * 10).padStart(8, "0")}`, idempotencyKey: randomUUID() });
  }
  await fake.settled();
  const fresh = fake.payments.slice(firstFresh).map((p) => ({ url, body: success(p) }));
  t0 = performance.now();
  const freshCodes = await deliver(fresh, CLIENTS);
  const freshMs = performance.now() - t0;
  const [credited] = await withSystem("bench: fresh", (tx) => tx.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM gateway_payments WHERE gateway_id = ${gateway.id}::uuid AND status = 'SUCCEEDED'`);
  const okAfter = (await withTenant(tenantId, (tx) => reconcileLedger(tx, tenantId))).ok;
  console.log(`  fresh: ${FRESH} first callbacks (stored, token, status query, credited) in ${(freshMs / 1000).toFixed(2)} s = ${Math.round(FRESH / (freshMs / 1000))}/s; non-200: ${freshCodes.filter((c) => c !== 200).length}; credited ${credited!.n - BigInt(PAYMENTS)} of ${FRESH}; trial balance ${okAfter ? "0" : "NOT 0"}`);

  await fake.close();
  await hooks.close();
  await disconnectPrisma();
  if (counts!.succeeded !== BigInt(PAYMENTS) || counts!.doubles !== 0n || !ok || !okAfter || credited!.n !== BigInt(PAYMENTS + FRESH)) process.exit(1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
