// Stripe Checkout end to end against the fake Stripe (lib/payments/fakes/stripe.ts), through the
// official SDK, our real webhook path and PostgreSQL: a checkout paid on the hosted page credits
// and renews the customer once; a cancel and a refused bank debit move no money; every way
// webhooks go wrong (sent twice, late, never, badly signed, with a wrong amount, an `expired`
// after `completed`) ends in exactly one payment per success, settled by the reconcile job's
// session lookup when no good webhook came. Refused requests are stored with their reason; the
// trial balance stays at 0.
import { randomBytes, randomUUID } from "node:crypto";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CustomerActor } from "@/lib/audit/actor";
import { withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { makeCustomer, makePackage, makeTenant } from "@/lib/testing/factories";
import { startFakeStripe, type FakeStripe } from "./fakes/stripe";
import { attempt, balanced, expectOnePaymentEachWay, hooksOf, payCheckedLater as pay, payEachWay, payments, reconcileLater, webhookHarness } from "./testing/harness";
import { gatewayAccount, webhookUrl } from "./gateway-account";
import { listGateways, saveGateway, testGateway } from "./gateways-admin";
import { adapterFor } from "./gateways/registry";
import { GatewayError } from "./gateways/types";
import { getPaymentAttempt } from "./start";

let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe({ delayMs: 300, asyncAfterMs: 50 });
});
afterAll(() => fake?.close());
const hooks = webhookHarness();
beforeEach(() => fake.setMode({ outcome: "success", delivery: "normal" }));
afterEach(() => fake.settled());

const newKeys = () => ({ secretKey: `sk_test_${randomBytes(12).toString("hex")}`, webhookSecret: `whsec_${randomBytes(16).toString("hex")}` });

async function isp() {
  const t = await makeTenant();
  const keys = newKeys();
  const gateway = await saveGateway(t.owner, { kind: "STRIPE", name: "Cards", mode: "SANDBOX", settings: { apiBase: fake.url }, secrets: keys });
  // The ISP's Stripe account, with its webhook endpoint pointing at the URL the settings page shows.
  fake.addAccount({ ...keys, webhookUrl: webhookUrl(gateway) });
  const pkg = await makePackage(t.owner, { price: "1000", validityValue: 30, validityUnit: "DAY" });
  const customer = (await makeCustomer(t.owner, { username: `st${randomUUID().slice(0, 8)}`, packageId: pkg.id, email: `st${randomUUID().slice(0, 6)}@example.test` }))!;
  const me: CustomerActor = { kind: "CUSTOMER", id: customer.id, tenantId: t.tenantId, name: customer.name };
  return { t, gateway, keys, customer, me };
}

const sessionOf = async (tenantId: string, gatewayPaymentId: string) => {
  const gp = await attempt(tenantId, gatewayPaymentId);
  return fake.sessions.find((s) => s.id === gp.gatewayRef)!;
};

describe("Stripe Checkout through the fake Stripe", () => {
  it("the customer pays on the checkout page: credited once, renewed, the webhook kept", async () => {
    const { t, gateway, customer, me } = await isp();
    const before = (await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }))).expiresAt!;
    const started = await pay(me, customer.id, gateway.id);
    expect(started).toMatchObject({ status: "PENDING", amountMinor: 2000_00n, currency: "KES" });
    const session = fake.sessions.at(-1)!;
    expect(started.redirectUrl).toBe(`${fake.url}/checkout/${session.id}`);
    expect(session).toMatchObject({ amount: 2000_00, currency: "kes", clientReferenceId: started.gatewayPaymentId, metadata: { paymentRef: started.gatewayPaymentId, account: customer.username }, customerEmail: customer.email });
    expect(session.successUrl).toBe(`${hooks().url}/portal/${t.slug}/payments/${started.gatewayPaymentId}`);
    expect(session.cancelUrl).toBe(`${session.successUrl}?cancelled=1`);
    expect(fake.requests.find((r) => r.method === "POST" && r.path === "/v1/checkout/sessions" && r.idempotencyKey === started.gatewayPaymentId)).toBeTruthy();
    expect((await attempt(t.tenantId, started.gatewayPaymentId)).expiresAt!.getTime()).toBe(session.expiresAt * 1000);

    // The browser: Stripe's page, the Pay button, back to the portal.
    const html = await (await fetch(started.redirectUrl!)).text();
    expect(html).toContain(">Pay</button>");
    expect(html).toContain(">Cancel</button>");
    expect(html).toContain("2000.00 KES");
    const back = await fetch(`${started.redirectUrl}/pay`, { method: "POST", redirect: "manual" });
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe(session.successUrl);
    await fake.settled();

    const gp = await attempt(t.tenantId, started.gatewayPaymentId);
    expect(gp).toMatchObject({ status: "SUCCEEDED", gatewayTxnId: session.intent!.id });
    const [p, ...others] = await payments(t.tenantId, customer.id);
    expect(others).toHaveLength(0);
    expect(p).toMatchObject({ amountMinor: 2000_00n, id: gp.paymentId, method: "CARD" });
    const after = await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }));
    expect(after.expiresAt!.getTime()).toBe(before.getTime() + 30 * 86_400_000);
    const [hook] = await hooksOf(gateway.id);
    expect(hook).toMatchObject({ outcome: "ACCEPTED", gatewayPaymentId: gp.id, eventId: fake.sent.at(-1)!.eventId });
    expect(fake.sent.at(-1)).toMatchObject({ type: "checkout.session.completed", status: 200 });
    expect((await getPaymentAttempt(me, gp.id)).receiptNumber).toBe(p!.receiptNumber);
    // The page is closed once paid; paying again changes nothing.
    expect(await (await fetch(started.redirectUrl!)).text()).toContain("no longer available");
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a cancel sends the browser back and the session expires; a bank that refuses for lack of funds fails the attempt: no money moves", async () => {
    const { t, gateway, customer } = await isp();
    const cancelled = await pay(t.owner, customer.id, gateway.id, "BALANCE", "100");
    const back = await fetch(`${cancelled.redirectUrl}/cancel`, { method: "POST", redirect: "manual" });
    expect(back.headers.get("location")).toMatch(/\?cancelled=1$/);
    await fake.settled();
    expect(await attempt(t.tenantId, cancelled.gatewayPaymentId)).toMatchObject({ status: "EXPIRED", failureReason: "The Stripe checkout page expired (or was left) before it was paid." });

    const refused = await pay(t.owner, customer.id, gateway.id, "BALANCE", "100");
    await fake.complete((await sessionOf(t.tenantId, refused.gatewayPaymentId)).id, "insufficient-funds");
    await fake.settled();
    expect(await attempt(t.tenantId, refused.gatewayPaymentId)).toMatchObject({ status: "FAILED", failureReason: "The payment did not go through: the customer's bank or wallet declined it." });
    expect((await hooksOf(gateway.id)).map((h) => [h.outcome, h.reason])).toEqual([
      ["ACCEPTED", "The Stripe checkout page expired (or was left) before it was paid."],
      ["IGNORED", "Still waiting for the customer."],
      ["ACCEPTED", "The payment did not go through: the customer's bank or wallet declined it."],
    ]);
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a webhook sent twice, a late one, and an `expired` after `completed` each end in one payment", async () => {
    const { t, gateway, customer } = await isp();
    await expectOnePaymentEachWay(fake, t.tenantId, customer.id, (amount) => pay(t.owner, customer.id, gateway.id, "BALANCE", amount));
    expect((await hooksOf(gateway.id)).map((h) => [h.outcome, h.reason])).toEqual([
      ["ACCEPTED", expect.stringMatching(/^Credited: receipt /)],
      ["DUPLICATE", "Already credited."],
      ["ACCEPTED", expect.stringMatching(/^Credited: receipt /)],
      ["IGNORED", expect.stringMatching(/^A late notice \(.*\) for a payment already succeeded\.$/)],
      ["ACCEPTED", expect.stringMatching(/^Credited: receipt /)],
    ]);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("no webhook, a badly signed one, a wrong amount: not credited from the webhook; the reconcile job's session lookup settles each once", async () => {
    const { t, gateway, customer } = await isp();
    const started = await payEachWay(fake, t.tenantId, ["never", "wrong-signature", "wrong-amount"] as const, () => pay(t.owner, customer.id, gateway.id, "BALANCE", "120"));
    for (const id of started) expect((await attempt(t.tenantId, id)).status).toBe("PENDING");
    expect(fake.sent.slice(-2).map((s) => s.status)).toEqual([400, 422]);
    const rows = await hooksOf(gateway.id);
    expect(rows.map((h) => [h.outcome, h.reason?.replaceAll("\u00a0", " ")])).toEqual([
      ["REJECTED", "The Stripe-Signature does not match this gateway's webhook signing secret."],
      ["REJECTED", "The callback says KES 1,200.00, the payment asked for KES 120.00: not credited."],
    ]);
    // The badly signed request is kept as it arrived, its signature header with it.
    expect((rows[0]!.headers as Record<string, string>)["stripe-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);

    const r = await reconcileLater();
    expect(r.settled).toBeGreaterThanOrEqual(3);
    for (const id of started) {
      const gp = await attempt(t.tenantId, id);
      expect(gp.status).toBe("SUCCEEDED");
      expect(gp.gatewayTxnId).toBe((await sessionOf(t.tenantId, id)).intent!.id);
    }
    expect((await payments(t.tenantId, customer.id)).map((p) => p.amountMinor)).toEqual([120_00n, 120_00n, 120_00n]);
    // Stripe's retry of an event that was refused for its amount is answered the same way.
    expect(await fake.resend(fake.sent.at(-1)!.eventId)).toBe(200);
    expect((await hooksOf(gateway.id)).at(-1)).toMatchObject({ outcome: "DUPLICATE" });
    expect(await payments(t.tenantId, customer.id)).toHaveLength(3);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("an unpaid session stays pending on lookup, and an expired one is expired", async () => {
    const { t, gateway, customer } = await isp();
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "75");
    const account = gatewayAccount(await withTenant(t.tenantId, (tx) => tx.paymentGateway.findUniqueOrThrow({ where: { id: gateway.id } })));
    const session = await sessionOf(t.tenantId, s.gatewayPaymentId);
    expect((await adapterFor("STRIPE").query(account, session.id, { amountMinor: 75_00n, currency: "KES" })).event).toMatchObject({ type: "pending" });
    fake.setMode({ delivery: "never" });
    fake.expire(session.id);
    expect((await adapterFor("STRIPE").query(account, session.id, { amountMinor: 75_00n, currency: "KES" })).event).toMatchObject({ type: "expired", gatewayRef: session.id });
    await reconcileLater();
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("EXPIRED");
  });

  it("refuses requests not signed by the endpoint's secret, too old, or not events; acts on nothing it does not know", async () => {
    const { gateway, keys } = await isp();
    const url = webhookUrl(gateway);
    const post = (body: string, headers: Record<string, string> = {}) => fetch(url, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
    const event = (type: string) => JSON.stringify({ id: `evt_${randomBytes(8).toString("hex")}`, object: "event", type, data: { object: { id: "pi_x", object: "payment_intent" } } });
    const sign = (payload: string, timestamp?: number) => ({ "Stripe-Signature": Stripe.webhooks.generateTestHeaderString({ payload, secret: keys.webhookSecret, timestamp }) });

    expect((await post(event("checkout.session.completed"))).status).toBe(400);
    const old = event("checkout.session.completed");
    expect((await post(old, sign(old, Math.floor(Date.now() / 1000) - 600))).status).toBe(400);
    expect((await post("{not json", sign("{not json"))).status).toBe(400);
    const other = event("payment_intent.created");
    const answered = await post(other, sign(other));
    expect([answered.status, await answered.json()]).toEqual([200, { ok: true }]);
    expect((await hooksOf(gateway.id)).map((h) => [h.outcome, h.reason])).toEqual([
      ["REJECTED", "No Stripe-Signature header: not from Stripe."],
      ["REJECTED", "The Stripe signature is more than 5 minutes old: a replay, or a clock that is off."],
      ["REJECTED", "The body is not a Stripe event (JSON)."],
      ["IGNORED", "Stripe event payment_intent.created: not one we act on."],
    ]);
  });

  it("tests the key, says when it is wrong or for the other mode, refunds, and never shows the secrets", async () => {
    const { t, gateway, customer } = await isp();
    expect(await testGateway(t.owner, { gatewayId: gateway.id })).toMatchObject({ ok: true, message: "Stripe accepted the secret key (balance in USD)." });
    const stranger = await saveGateway(t.owner, { kind: "STRIPE", name: "Not ours", mode: "SANDBOX", settings: { apiBase: fake.url }, secrets: newKeys() });
    expect(await testGateway(t.owner, { gatewayId: stranger.id })).toMatchObject({ ok: false, message: "Stripe refused the secret key: check it in the gateway's settings." });
    const liveKey = await saveGateway(t.owner, { kind: "STRIPE", name: "Live key", mode: "SANDBOX", settings: { apiBase: fake.url }, secrets: { ...newKeys(), secretKey: `sk_live_${randomBytes(12).toString("hex")}` } });
    expect((await testGateway(t.owner, { gatewayId: liveKey.id })).message).toMatch(/^This is a Stripe live key \(sk_live_\.\.\.\), but the gateway is in sandbox mode/);
    const bad = toAppError(await saveGateway(t.owner, { kind: "STRIPE", name: "Typo", mode: "SANDBOX", secrets: { secretKey: "pk_test_123", webhookSecret: "secret" } }).catch((e: unknown) => e));
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["secret.secretKey", "secret.webhookSecret"]);

    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "300");
    await fake.complete((await sessionOf(t.tenantId, s.gatewayPaymentId)).id);
    await fake.settled();
    const gp = await attempt(t.tenantId, s.gatewayPaymentId);
    const account = gatewayAccount(await withTenant(t.tenantId, (tx) => tx.paymentGateway.findUniqueOrThrow({ where: { id: gateway.id } })));
    expect((await adapterFor("STRIPE").refund!(account, gp.gatewayTxnId!, 100_00n, "KES")).refundId).toMatch(/^re_/);
    const tooMuch = await adapterFor("STRIPE").refund!(account, gp.gatewayTxnId!, 250_00n, "KES").catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(GatewayError);
    expect((tooMuch as GatewayError).message).toMatch(/^Stripe refused the refund: Refund amount \(25000\) is greater than/);

    const rows = await listGateways(t.owner);
    const row = rows.find((r) => r.id === gateway.id)!;
    expect(row.secretsSet).toEqual(["secretKey", "webhookSecret"]);
    expect(row.callbackUrls).toEqual([{ label: "Webhook URL", url: `${hooks().url}/api/webhooks/stripe/${gateway.id}` }]);
    expect(JSON.stringify(rows)).not.toMatch(/whsec_|sk_test_/);
  });

  it("a Stripe that cannot be reached fails the start in words, and the attempt with it", async () => {
    const { t, customer } = await isp();
    const down = await saveGateway(t.owner, { kind: "STRIPE", name: "Down", mode: "SANDBOX", settings: { apiBase: "http://127.0.0.1:9" }, secrets: newKeys() });
    const e = toAppError(await pay(t.owner, customer.id, down.id, "BALANCE", "50").catch((x: unknown) => x));
    expect(e.userMessage).toBe("Stripe could not be reached.");
    const failed = await withTenant(t.tenantId, (tx) => tx.gatewayPayment.findFirstOrThrow({ where: { gatewayId: down.id } }));
    expect(failed).toMatchObject({ status: "FAILED", failureCode: "network", failureReason: "Stripe could not be reached." });
  });
});
