// M-Pesa end to end against the fake Daraja (lib/payments/fakes/daraja.ts) and PostgreSQL: the STK
// push from start to a credited, renewed customer; every way a real deployment goes wrong (a
// cancel, no money, a duplicate, an out-of-order failure, a wrong amount, a wrong token, a
// callback that never comes, a status query that fails); C2B with known and unknown accounts; bad
// requests stored and refused. Exactly one payment per success, the trial balance at 0.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CustomerActor } from "@/lib/audit/actor";
import { withSystem, withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { makeCustomer, makeOperator, makePackage, makeTenant } from "@/lib/testing/factories";
import { startFakeDaraja, type FakeDaraja } from "./fakes/daraja";
import { attempt, balanced, hooksOf, pay as startFor, payments as paymentsBy, webhookHarness } from "./testing/harness";
import { listGateways, saveGateway, testGateway } from "./gateways-admin";
import { allocateSuspense } from "./settle";
import { getPaymentAttempt } from "./start";
import { reconcilePending } from "./reconcile";
import { forgetGateway, retryFailedWebhooks } from "./webhooks";

let fake: FakeDaraja;
beforeAll(async () => {
  fake = await startFakeDaraja({ answerAfterMs: 50, delayMs: 400 });
});
afterAll(() => fake?.close());
const hooks = webhookHarness();
beforeEach(() => fake.setMode({ answer: null, delivery: "normal" }));
// Callbacks still in flight land before the next test (and before the database goes away).
afterEach(() => fake.settled());

async function isp() {
  const t = await makeTenant();
  const gateway = await saveGateway(t.owner, {
    kind: "MPESA",
    name: "M-Pesa",
    mode: "SANDBOX",
    settings: { shortcode: "174379", transactionType: "CustomerPayBillOnline", baseUrl: fake.url },
    secrets: { consumerKey: "fake-consumer-key", consumerSecret: "fake-consumer-secret", passkey: "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919" },
  });
  const pkg = await makePackage(t.owner, { price: "1000", validityValue: 30, validityUnit: "DAY" });
  const customer = (await makeCustomer(t.owner, { username: `mp${randomUUID().slice(0, 8)}`, packageId: pkg.id }))!;
  const me: CustomerActor = { kind: "CUSTOMER", id: customer.id, tenantId: t.tenantId, name: customer.name };
  return { t, gateway, pkg, customer, me };
}

const payments = (tenantId: string, customerId: string) => paymentsBy(tenantId, customerId, "MOBILE_MONEY");
/** An STK push to `phone` (its last digit says what the fake's customer does). */
const pay = (actor: Parameters<typeof startFor>[0], customerId: string, gatewayId: string, phone: string, purpose: "RENEWAL" | "BALANCE" = "RENEWAL", amount?: string) =>
  startFor(actor, customerId, gatewayId, purpose, amount, { phone });

describe("M-Pesa STK push through the fake Daraja", () => {
  it("the customer pays from its phone: credited once, renewed, payment.received emitted, the callback kept", async () => {
    const { t, gateway, customer, me } = await isp();
    const before = (await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }))).expiresAt!;
    // The opening invoice is still open: the renewal asks for it and the next period.
    const started = await pay(me, customer.id, gateway.id, "0712 345 670");
    expect(started).toMatchObject({ status: "PENDING", amountMinor: 2000_00n, customerMessage: "Check your phone and enter your M-Pesa PIN." });
    expect(fake.payments.at(-1)).toMatchObject({ amount: 2000, phone: "254712345670", accountRef: customer.username.slice(0, 12) });
    await fake.settled();
    const gp = await attempt(t.tenantId, started.gatewayPaymentId);
    expect(gp).toMatchObject({ status: "SUCCEEDED", gatewayTxnId: fake.payments.at(-1)!.receipt });
    const [p] = await payments(t.tenantId, customer.id);
    expect(p).toMatchObject({ amountMinor: 2000_00n, id: gp.paymentId });
    const after = await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }));
    expect(after.expiresAt!.getTime()).toBe(before.getTime() + 30 * 86_400_000);
    const events = await withTenant(t.tenantId, (tx) => tx.outboxEvent.findMany({ where: { name: "billing/payment.received" } }));
    expect(events.some((e) => (e.data as { paymentId?: string }).paymentId === p!.id)).toBe(true);
    const [hook] = await hooksOf(gateway.id);
    expect(hook).toMatchObject({ outcome: "ACCEPTED", tenantId: t.tenantId, gatewayPaymentId: gp.id });
    expect(JSON.parse(Buffer.from(hook!.body).toString("utf8")).Body.stkCallback.CheckoutRequestID).toBe(gp.gatewayRef);
    expect((await getPaymentAttempt(me, gp.id)).receiptNumber).toBe(p!.receiptNumber);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a callback sent twice, and a stale failure after the success, change nothing", async () => {
    const { t, gateway, customer } = await isp();
    fake.setMode({ delivery: "duplicate" });
    const a = await pay(t.owner, customer.id, gateway.id, "0712345671", "BALANCE", "250");
    await fake.settled();
    fake.setMode({ delivery: "failure-then-success" });
    const b = await pay(t.owner, customer.id, gateway.id, "0712345672", "BALANCE", "300");
    await fake.settled();
    expect((await attempt(t.tenantId, a.gatewayPaymentId)).status).toBe("SUCCEEDED");
    expect((await attempt(t.tenantId, b.gatewayPaymentId)).status).toBe("SUCCEEDED");
    expect((await payments(t.tenantId, customer.id)).map((p) => p.amountMinor).sort()).toEqual([250_00n, 300_00n]);
    expect((await hooksOf(gateway.id)).map((h) => h.outcome)).toEqual(["ACCEPTED", "DUPLICATE", "ACCEPTED", "IGNORED"]);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a cancel, no money, a wrong PIN: the attempt says why and no money moves", async () => {
    const { t, gateway, customer } = await isp();
    const cases: [string, string, string][] = [
      ["0712345675", "CANCELLED", "Cancelled on the phone."],
      ["0712345676", "FAILED", "Not enough money in the M-Pesa account."],
      ["0712345678", "FAILED", "Wrong M-Pesa PIN."],
    ];
    for (const [phone, status, reason] of cases) {
      const s = await pay(t.owner, customer.id, gateway.id, phone, "BALANCE", "100");
      await fake.settled();
      expect(await attempt(t.tenantId, s.gatewayPaymentId)).toMatchObject({ status, failureReason: reason });
    }
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
  });

  it("no callback, a wrong amount, a wrong token: not credited from the callback; the reconcile job's status query settles it", async () => {
    const { t, gateway, customer } = await isp();
    const started: string[] = [];
    for (const delivery of ["never", "wrong-amount", "wrong-token"] as const) {
      fake.setMode({ delivery });
      started.push((await pay(t.owner, customer.id, gateway.id, `071234567${started.length}`, "BALANCE", "120")).gatewayPaymentId);
      await fake.settled();
    }
    for (const id of started) expect((await attempt(t.tenantId, id)).status).toBe("PENDING");
    const outcomes = (await hooksOf(gateway.id)).map((h) => [h.outcome, h.reason?.replaceAll("\u00a0", " ")]);
    expect(outcomes).toEqual([
      ["REJECTED", "The callback says KES 1,200.00, the payment asked for KES 120.00: not credited."],
      ["REJECTED", "The callback URL's token is not this gateway's."],
    ]);
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
    const r = await reconcilePending(new Date(Date.now() + 2 * 60_000));
    expect(r.settled).toBeGreaterThanOrEqual(3);
    for (const id of started) expect((await attempt(t.tenantId, id)).status).toBe("SUCCEEDED");
    // At the amount asked for, whatever a callback claimed.
    expect((await payments(t.tenantId, customer.id)).map((p) => p.amountMinor)).toEqual([120_00n, 120_00n, 120_00n]);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a prompt the customer never answers stays pending, then is given up", async () => {
    const { t, gateway, customer } = await isp();
    const s = await pay(t.owner, customer.id, gateway.id, "0712345679", "BALANCE", "50");
    await fake.settled();
    // Daraja's query reports the expired prompt: 1037.
    await reconcilePending(new Date(Date.now() + 2 * 60_000));
    expect(await attempt(t.tenantId, s.gatewayPaymentId)).toMatchObject({ status: "FAILED", failureCode: "1037" });
  });

  it("a status query that fails leaves the callback FAILED; the retry job settles it", async () => {
    const { t, gateway, customer } = await isp();
    // The gateway's settings point the status query at a dead port; the callback still arrives.
    fake.setMode({ delivery: "delayed" });
    const s = await pay(t.owner, customer.id, gateway.id, "0712345673", "BALANCE", "80");
    await withTenant(t.tenantId, (tx) => tx.paymentGateway.update({ where: { id: gateway.id }, data: { settings: { shortcode: "174379", transactionType: "CustomerPayBillOnline", baseUrl: "http://127.0.0.1:9" } } }));
    forgetGateway(gateway.id);
    await fake.settled();
    const [failed] = await hooksOf(gateway.id);
    expect(failed).toMatchObject({ outcome: "FAILED" });
    expect(failed!.reason).toMatch(/^Processing failed, will be retried: the gateway: The gateway could not be reached/);
    await withTenant(t.tenantId, (tx) => tx.paymentGateway.update({ where: { id: gateway.id }, data: { settings: { shortcode: "174379", transactionType: "CustomerPayBillOnline", baseUrl: fake.url } } }));
    forgetGateway(gateway.id);
    expect((await retryFailedWebhooks({ olderThanMs: 0 })).settled).toBeGreaterThanOrEqual(1);
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("SUCCEEDED");
    expect((await hooksOf(gateway.id))[0]).toMatchObject({ outcome: "ACCEPTED", attempts: 2 });
    expect(await payments(t.tenantId, customer.id)).toHaveLength(1);
  });

  it("refuses what it cannot start, in words: a bad phone, nothing owed, another customer's account", async () => {
    const { t, gateway, customer, me } = await isp();
    const bad = toAppError(await pay(me, customer.id, gateway.id, "12345").catch((e: unknown) => e));
    expect(bad.fieldErrors?.phone).toEqual(["Give the M-Pesa phone number, e.g. 0712 345 678."]);
    const other = (await makeCustomer(t.owner, { username: `o${randomUUID().slice(0, 8)}` }))!;
    const nothing = toAppError(await pay(t.owner, other.id, gateway.id, "0712345670", "BALANCE").catch((e: unknown) => e));
    expect(nothing.userMessage).toBe("Nothing is owed: there is nothing to pay.");
    expect(toAppError(await pay(me, other.id, gateway.id, "0712345670").catch((e: unknown) => e)).code).toBe("NOT_FOUND");
    const reseller = await makeOperator(t.owner, "RESELLER");
    expect(toAppError(await pay(reseller.actor, customer.id, gateway.id, "0712345670").catch((e: unknown) => e)).code).toMatch(/FORBIDDEN|NOT_FOUND/);
  });
});

describe("M-Pesa C2B: the customer pays the paybill on its own", () => {
  it("credits the customer whose username is the account number, once; an unknown account waits in suspense until allocated", async () => {
    const { t, gateway, customer } = await isp();
    const tested = await testGateway(t.owner, { gatewayId: gateway.id });
    expect(tested.ok).toBe(true);
    expect(fake.c2bUrls.confirmation).toContain(`/api/webhooks/daraja/${gateway.id}/`);
    expect(fake.c2bUrls.confirmation).not.toMatch(/mpesa/i);
    const paid = await fake.payBill({ account: customer.username, amount: 700 });
    expect(paid.status).toBe(200);
    expect((await fake.payBill({ account: customer.username, amount: 700, transId: paid.transId })).status).toBe(200);
    expect((await payments(t.tenantId, customer.id)).map((p) => p.amountMinor)).toEqual([700_00n]);

    const stray = await fake.payBill({ account: "NOSUCHUSER", amount: 450 });
    expect(stray.status).toBe(200);
    const suspense = await withTenant(t.tenantId, (tx) => tx.gatewayPayment.findFirstOrThrow({ where: { gatewayTxnId: stray.transId } }));
    expect(suspense).toMatchObject({ status: "SUSPENSE", customerId: null, failureReason: "No customer has the account number NOSUCHUSER." });
    const receipt = await allocateSuspense(t.owner, { gatewayPaymentId: suspense.id, username: customer.username });
    expect(receipt.amountMinor).toBe(450_00n);
    expect(toAppError(await allocateSuspense(t.owner, { gatewayPaymentId: suspense.id, username: customer.username }).catch((e: unknown) => e)).code).toBe("CONFLICT");
    expect(await balanced(t.tenantId)).toBe(true);
    const [row] = await listGateways(t.owner);
    expect(row!.secretsSet).toEqual(["consumerKey", "consumerSecret", "passkey"]);
    expect(JSON.stringify(row)).not.toContain("fake-consumer-secret");
  });
});

describe("bad requests are stored and refused", () => {
  it("malformed JSON, an unknown gateway and an oversized body get a 4xx and are kept with the reason", async () => {
    const { gateway } = await isp();
    const post = (path: string, body: string) => fetch(`${hooks().url}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    const token = (await withSystem("test: token", (tx) => tx.paymentGateway.findUniqueOrThrow({ where: { id: gateway.id } }))).pathToken;
    expect((await post(`/api/webhooks/daraja/${gateway.id}/${token}/stk`, "{not json")).status).toBe(400);
    expect((await post(`/api/webhooks/daraja/${gateway.id}/${token}/stk`, JSON.stringify({ Body: {} }))).status).toBe(400);
    expect((await post(`/api/webhooks/daraja/${randomUUID()}/x/stk`, "{}")).status).toBe(404);
    expect((await post(`/api/webhooks/daraja/not-a-uuid'--/x/stk`, "{}")).status).toBe(404);
    expect((await post(`/api/webhooks/daraja/${gateway.id}/${token}/stk`, "x".repeat(300 * 1024))).status).toBe(413);
    const rows = await hooksOf(gateway.id);
    expect(rows.map((r) => [r.outcome, r.reason])).toEqual([
      ["REJECTED", "The body is not a JSON object."],
      ["REJECTED", "Not an STK callback: no Body.stkCallback with CheckoutRequestID and ResultCode."],
      ["REJECTED", `The body is ${300 * 1024} bytes; at most ${256 * 1024} are accepted.`],
    ]);
    expect(Buffer.from(rows[0]!.body).toString("utf8")).toBe("{not json");
    const unknown = await withSystem("test: unknown gateway rows", (tx) => tx.webhookRequest.findMany({ where: { gatewayId: null, reason: "No such gateway: the URL names none of ours." }, orderBy: { id: "desc" }, take: 2 }));
    expect(unknown).toHaveLength(2);
    expect(unknown.every((r) => r.tenantId === null)).toBe(true);
    // The stored request is evidence: it cannot be rewritten.
    await expect(withSystem("test: rewrite", (tx) => tx.webhookRequest.update({ where: { id: rows[0]!.id }, data: { body: new Uint8Array(Buffer.from("{}")) } }))).rejects.toThrow(/cannot be rewritten/);
  });
});
