// PayPal end to end against the fake PayPal (lib/payments/fakes/paypal.ts) and PostgreSQL, through
// the real webhook path: an order approved on the hosted page is captured once and credited once
// (a renewal renews); a cancel, money short at capture, a denied capture; a webhook that never
// comes (the reconcile job's query captures), one sent twice, late, out of order, with a wrong
// amount or a wrong signature; an approval notice for an order nobody approved; events that are
// none of ours. No capture is ever made twice, and the trial balance stays 0.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CustomerActor } from "@/lib/audit/actor";
import { withSystem, withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { makeCustomer, makePackage, makeTenant } from "@/lib/testing/factories";
import { startFakePayPal, type FakePayPal } from "./fakes/paypal";
import { paypalAmount } from "./gateways/paypal";
import { attempt, balanced, dueNow, hooksOf, pay, payments as paymentsBy, webhookHarness } from "./testing/harness";
import { listGateways, saveGateway, testGateway } from "./gateways-admin";
import { getPaymentAttempt } from "./start";
import { reconcilePending } from "./reconcile";

let fake: FakePayPal;
beforeAll(async () => {
  fake = await startFakePayPal({ delayMs: 300 });
});
afterAll(() => fake?.close());
const hooks = webhookHarness();
beforeEach(() => fake.setMode({ outcome: "pay", delivery: "normal" }));
// Webhooks still in flight land before the next test (and before the database goes away).
afterEach(() => fake.settled());

const SECRETS = { clientId: "fake-paypal-client-id", clientSecret: "fake-paypal-client-secret" };

async function isp(currency = "USD") {
  const t = await makeTenant();
  await withSystem("test: the ISP bills in dollars", (tx) => tx.tenant.update({ where: { id: t.tenantId }, data: { currency } }));
  const gateway = await saveGateway(t.owner, { kind: "PAYPAL", name: "PayPal", mode: "SANDBOX", settings: { baseUrl: fake.url }, secrets: { ...SECRETS, webhookId: fake.webhookId } });
  fake.setWebhookUrl(`${hooks().url}/api/webhooks/paypal/${gateway.id}`);
  const pkg = await makePackage(t.owner, { price: "20", validityValue: 30, validityUnit: "DAY" });
  const customer = (await makeCustomer(t.owner, { username: `pp${randomUUID().slice(0, 8)}`, packageId: pkg.id }))!;
  const me: CustomerActor = { kind: "CUSTOMER", id: customer.id, tenantId: t.tenantId, name: customer.name };
  return { t, gateway, customer, me };
}

const payments = (tenantId: string, customerId: string) => paymentsBy(tenantId, customerId, "GATEWAY");
const outcomes = async (gatewayId: string) => (await hooksOf(gatewayId)).map((h) => h.outcome).sort();
const orderOf = (gatewayRef: string | null) => fake.orders.find((o) => o.id === gatewayRef)!;
const post = (path: string, body: string, headers: Record<string, string> = {}) => fetch(`${hooks().url}${path}`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });

describe("PayPal checkout through the fake PayPal", () => {
  it("the customer approves on PayPal's page: captured once, credited once, renewed, the webhooks kept", async () => {
    const { t, gateway, customer, me } = await isp();
    const before = (await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }))).expiresAt!;
    // The opening invoice is still open: the renewal asks for it and the next period.
    const started = await pay(me, customer.id, gateway.id);
    expect(started).toMatchObject({ status: "PENDING", amountMinor: 40_00n, currency: "USD" });
    const order = fake.orders.at(-1)!;
    expect(order).toMatchObject({ status: "CREATED", amount: { currency_code: "USD", value: "40.00" }, customId: started.gatewayPaymentId, requestId: started.gatewayPaymentId });
    expect(started.redirectUrl).toBe(`${fake.url}/checkoutnow?token=${order.id}`);

    // The hosted page, as a browser sees and submits it.
    const html = await (await fetch(started.redirectUrl!)).text();
    expect(html).toContain(">Pay</button>");
    expect(html).toContain(">Cancel</button>");
    const back = await fetch(`${fake.url}/checkoutnow`, { method: "POST", body: new URLSearchParams({ token: order.id, action: "pay" }), redirect: "manual" });
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe(`${hooks().url}/portal/${t.slug}/payments/${started.gatewayPaymentId}?token=${order.id}&PayerID=${order.payerId}`);
    await fake.settled();

    expect(order.captures).toHaveLength(1);
    expect(order.status).toBe("COMPLETED");
    const gp = await attempt(t.tenantId, started.gatewayPaymentId);
    expect(gp).toMatchObject({ status: "SUCCEEDED", gatewayRef: order.id, gatewayTxnId: order.captures[0]!.id });
    const [p, ...more] = await payments(t.tenantId, customer.id);
    expect(more).toHaveLength(0);
    expect(p).toMatchObject({ amountMinor: 40_00n, id: gp.paymentId });
    const after = await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }));
    expect(after.expiresAt!.getTime()).toBe(before.getTime() + 30 * 86_400_000);
    expect((await getPaymentAttempt(me, gp.id)).receiptNumber).toBe(p!.receiptNumber);

    // The approval and the capture's notice: one credits, the other finds it credited (whichever lands first).
    expect(fake.sent.slice(-2).map((s) => [s.eventType, s.status])).toEqual([
      ["CHECKOUT.ORDER.APPROVED", 200],
      ["PAYMENT.CAPTURE.COMPLETED", 200],
    ]);
    const rows = await hooksOf(gateway.id);
    expect(rows.map((r) => r.outcome).sort()).toEqual(["ACCEPTED", "DUPLICATE"]);
    expect(rows.every((r) => r.eventId?.startsWith("WH-") && r.gatewayPaymentId === gp.id && r.tenantId === t.tenantId)).toBe(true);
    expect((rows[0]!.headers as Record<string, string>)["paypal-transmission-sig"]).toBeTruthy();
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("every webhook twice: one capture, one payment", async () => {
    const { t, gateway, customer } = await isp();
    fake.setMode({ delivery: "duplicate" });
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "25");
    const order = orderOf((await attempt(t.tenantId, s.gatewayPaymentId)).gatewayRef);
    fake.approve(order.id);
    await fake.settled();
    expect(order.captures).toHaveLength(1);
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("SUCCEEDED");
    expect((await payments(t.tenantId, customer.id)).map((p) => p.amountMinor)).toEqual([25_00n]);
    expect(await outcomes(gateway.id)).toEqual(["ACCEPTED", "DUPLICATE", "DUPLICATE", "DUPLICATE"]);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a cancel on PayPal's page sends the customer back and moves nothing; the order is given up after a day", async () => {
    const { t, gateway, customer } = await isp();
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "30");
    const order = orderOf((await attempt(t.tenantId, s.gatewayPaymentId)).gatewayRef);
    const sentBefore = fake.sent.length;
    const back = await fetch(`${fake.url}/checkoutnow`, { method: "POST", body: new URLSearchParams({ token: order.id, action: "cancel" }), redirect: "manual" });
    expect(back.headers.get("location")).toBe(`${hooks().url}/portal/${t.slug}/payments/${s.gatewayPaymentId}?cancelled=1&token=${order.id}`);
    await fake.settled();
    expect(fake.sent.length).toBe(sentBefore);
    // PayPal keeps the order CREATED: the query says pending, nothing is captured.
    await dueNow(t.tenantId, s.gatewayPaymentId);
    await reconcilePending();
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("PENDING");
    expect(order.captureCalls).toBe(0);
    await dueNow(t.tenantId, s.gatewayPaymentId, { createdAt: new Date(Date.now() - 25 * 3600_000) });
    await reconcilePending();
    expect(await attempt(t.tenantId, s.gatewayPaymentId)).toMatchObject({ status: "EXPIRED", failureReason: "No answer from the gateway within a day." });
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
  });

  it("money short at capture, or a denied capture: the attempt fails with PayPal's reason, nothing is credited", async () => {
    const { t, gateway, customer } = await isp();
    const short = await pay(t.owner, customer.id, gateway.id, "BALANCE", "30");
    fake.approve(orderOf((await attempt(t.tenantId, short.gatewayPaymentId)).gatewayRef).id, "insufficient-funds");
    await fake.settled();
    // The capture's refusal is PayPal's own word: it settles the attempt as failed at once.
    const [row] = await hooksOf(gateway.id);
    expect(row).toMatchObject({ outcome: "ACCEPTED", reason: "PayPal declined the customer's card or account: not enough money, or it cannot be used." });
    expect(await attempt(t.tenantId, short.gatewayPaymentId)).toMatchObject({ status: "FAILED", failureCode: "INSTRUMENT_DECLINED" });

    const denied = await pay(t.owner, customer.id, gateway.id, "BALANCE", "31");
    const order = orderOf((await attempt(t.tenantId, denied.gatewayPaymentId)).gatewayRef);
    fake.approve(order.id, "denied");
    await fake.settled();
    expect(order.captures.map((c) => c.status)).toEqual(["DECLINED"]);
    expect(await attempt(t.tenantId, denied.gatewayPaymentId)).toMatchObject({ status: "FAILED", failureCode: "DECLINED", failureReason: "PayPal declined the payment." });
    expect(fake.sent.filter((e) => e.eventType === "PAYMENT.CAPTURE.DENIED").map((e) => e.status)).toEqual([200]);
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("no webhook at all: the reconcile job's query captures the approved order and credits it", async () => {
    const { t, gateway, customer } = await isp();
    fake.setMode({ delivery: "never" });
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "12.50");
    const order = orderOf((await attempt(t.tenantId, s.gatewayPaymentId)).gatewayRef);
    fake.approve(order.id);
    await fake.settled();
    expect(await hooksOf(gateway.id)).toHaveLength(0);
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("PENDING");
    expect(order).toMatchObject({ status: "APPROVED", captureCalls: 0 });
    await dueNow(t.tenantId, s.gatewayPaymentId);
    await reconcilePending();
    expect(order.captures).toHaveLength(1);
    expect(await attempt(t.tenantId, s.gatewayPaymentId)).toMatchObject({ status: "SUCCEEDED", gatewayTxnId: order.captures[0]!.id });
    expect((await payments(t.tenantId, customer.id)).map((p) => p.amountMinor)).toEqual([12_50n]);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("late, and out of order (the approval after the capture's notice): still one capture, one payment", async () => {
    const { t, gateway, customer } = await isp();
    fake.setMode({ delivery: "delayed" });
    const late = await pay(t.owner, customer.id, gateway.id, "BALANCE", "10");
    fake.approve(orderOf((await attempt(t.tenantId, late.gatewayPaymentId)).gatewayRef).id);
    expect((await attempt(t.tenantId, late.gatewayPaymentId)).status).toBe("PENDING");
    await fake.settled();
    expect((await attempt(t.tenantId, late.gatewayPaymentId)).status).toBe("SUCCEEDED");

    fake.setMode({ delivery: "out-of-order" });
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "11");
    const order = orderOf((await attempt(t.tenantId, s.gatewayPaymentId)).gatewayRef);
    fake.approve(order.id);
    await dueNow(t.tenantId, s.gatewayPaymentId);
    await reconcilePending();
    await fake.settled();
    expect(fake.sent.slice(-2).map((e) => [e.eventType, e.status])).toEqual([
      ["PAYMENT.CAPTURE.COMPLETED", 200],
      ["CHECKOUT.ORDER.APPROVED", 200],
    ]);
    expect(order).toMatchObject({ captureCalls: 1 });
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("SUCCEEDED");
    expect((await payments(t.tenantId, customer.id)).map((p) => p.amountMinor)).toEqual([10_00n, 11_00n]);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a wrong signature is refused with a 4xx and kept; nothing is captured or credited from it", async () => {
    const { t, gateway, customer } = await isp();
    fake.setMode({ delivery: "wrong-signature" });
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "15");
    const order = orderOf((await attempt(t.tenantId, s.gatewayPaymentId)).gatewayRef);
    fake.approve(order.id);
    await fake.settled();
    expect(fake.sent.at(-1)).toMatchObject({ eventType: "CHECKOUT.ORDER.APPROVED", status: 400 });
    const [row] = await hooksOf(gateway.id);
    expect(row).toMatchObject({ outcome: "REJECTED", reason: "PayPal says the signature is not genuine for this gateway's webhook." });
    expect(JSON.parse(Buffer.from(row!.body).toString("utf8")).resource.id).toBe(order.id);
    expect(order.captureCalls).toBe(0);
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("PENDING");

    // Unsigned, or a browser sent to the webhook URL: refused without asking PayPal.
    const unsigned = await post(`/api/webhooks/paypal/${gateway.id}`, Buffer.from(row!.body).toString("utf8"));
    expect(unsigned.status).toBe(400);
    const browser = await fetch(`${hooks().url}/api/webhooks/paypal/${gateway.id}?token=${order.id}&PayerID=X`, { redirect: "manual" });
    expect(browser.status).toBe(405);
    expect((await hooksOf(gateway.id)).slice(1).map((r) => [r.outcome, r.reason])).toEqual([
      ["REJECTED", "Not signed by PayPal: the PAYPAL-TRANSMISSION-* headers are missing."],
      ["REJECTED", "PayPal's webhooks are POSTed; a browser coming back from PayPal goes to the payment's page."],
    ]);
    expect(order.captureCalls).toBe(0);
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
  });

  it("a capture for another amount than asked is not credited", async () => {
    const { t, gateway, customer } = await isp();
    fake.setMode({ delivery: "wrong-amount" });
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "25");
    fake.approve(orderOf((await attempt(t.tenantId, s.gatewayPaymentId)).gatewayRef).id);
    await fake.settled();
    const reasons = (await hooksOf(gateway.id)).map((h) => `${h.outcome} ${h.reason?.replaceAll("\u00a0", " ")}`);
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(r).toMatch(/^REJECTED The callback says .*250\.00, the payment asked for .*25\.00: not credited\.$/);
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("PENDING");
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
  });

  it("an approval notice for an order the customer never approved captures nothing", async () => {
    const { t, gateway, customer } = await isp();
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "20");
    const order = orderOf((await attempt(t.tenantId, s.gatewayPaymentId)).gatewayRef);
    const approval = {
      id: `WH-${randomUUID()}`,
      event_version: "1.0",
      event_type: "CHECKOUT.ORDER.APPROVED",
      resource_type: "checkout-order",
      resource: { id: order.id, status: "APPROVED", intent: "CAPTURE", purchase_units: [{ custom_id: s.gatewayPaymentId, amount: order.amount }] },
    };
    expect(await fake.deliver(approval)).toBe(200);
    const [row] = await hooksOf(gateway.id);
    expect(row).toMatchObject({ outcome: "IGNORED", reason: "The gateway's status query does not confirm it yet: the reconcile job will ask again." });
    expect(order).toMatchObject({ status: "CREATED", captureCalls: 0 });
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("PENDING");
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
  });

  it("events that are not ours, or not about money, are acknowledged and ignored", async () => {
    const { gateway } = await isp();
    const foreign = {
      id: `WH-${randomUUID()}`,
      event_type: "PAYMENT.CAPTURE.COMPLETED",
      resource: { id: "7XX00000000000000", status: "COMPLETED", amount: { currency_code: "USD", value: "9.00" }, custom_id: "shop-order-77", supplementary_data: { related_ids: { order_id: "1AB00000000000000" } } },
    };
    expect(await fake.deliver(foreign)).toBe(200);
    expect(await fake.deliver({ id: `WH-${randomUUID()}`, event_type: "CUSTOMER.DISPUTE.CREATED", resource: { dispute_id: "PP-D-1" } })).toBe(200);
    expect((await hooksOf(gateway.id)).map((r) => [r.outcome, r.reason])).toEqual([
      ["IGNORED", "PAYMENT.CAPTURE.COMPLETED for a payment not started here."],
      ["IGNORED", "PayPal event CUSTOMER.DISPUTE.CREATED: nothing to do."],
    ]);
  });

  it("tests the credentials and the webhook's URL, keeps secrets sealed, and refuses a currency PayPal does not take", async () => {
    const { t, gateway } = await isp();
    expect(await testGateway(t.owner, { gatewayId: gateway.id })).toMatchObject({ ok: true, message: "PayPal accepted the client ID and secret; the webhook sends here." });
    fake.setWebhookUrl("https://old.example.com/paypal");
    const moved = await testGateway(t.owner, { gatewayId: gateway.id });
    expect(moved.ok).toBe(false);
    expect(moved.message).toBe(`PayPal accepted the client ID and secret, but the webhook sends to https://old.example.com/paypal: change its URL to ${hooks().url}/api/webhooks/paypal/${gateway.id}.`);
    const [row] = await listGateways(t.owner);
    expect(row!.secretsSet).toEqual(["clientId", "clientSecret", "webhookId"]);
    expect(JSON.stringify(row)).not.toContain(SECRETS.clientSecret);

    const shillings = await isp("KES");
    const refused = toAppError(await pay(shillings.t.owner, shillings.customer.id, shillings.gateway.id, "BALANCE", "100").catch((e: unknown) => e));
    expect(refused.userMessage).toBe("PayPal does not take payments in KES: choose another way to pay.");
    const bad = toAppError(await saveGateway(t.owner, { kind: "PAYPAL", name: "PayPal 2", mode: "LIVE", settings: {}, secrets: { clientId: "x" } }).catch((e: unknown) => e));
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["secret.clientId", "secret.clientSecret", "secret.webhookId"]);
  });

  it("amounts go to PayPal as decimal strings by the currency's digits; HUF and TWD in whole units, rounded up", () => {
    expect(paypalAmount(40_00n, "USD")).toEqual({ value: "40.00", amountMinor: 40_00n });
    expect(paypalAmount(5n, "EUR")).toEqual({ value: "0.05", amountMinor: 5n });
    expect(paypalAmount(1500n, "JPY")).toEqual({ value: "1500", amountMinor: 1500n });
    expect(paypalAmount(1234_56n, "HUF")).toEqual({ value: "1235", amountMinor: 1235_00n });
  });
});
