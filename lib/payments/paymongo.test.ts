// PayMongo end to end against the fake PayMongo (lib/payments/fakes/paymongo.ts), our real webhook
// path and PostgreSQL, for an ISP billing in pesos: a checkout paid on the hosted page credits and
// renews the customer once; a cancel and a wallet without enough money move no money (the customer
// may try again on the same page); webhooks sent twice, late, never, badly signed, with a wrong
// amount or after a stale failure end in exactly one payment per success, settled by the reconcile
// job's session lookup when no good webhook came (PayMongo never resends what it gave up on, and
// switches the webhook off after three such events: the "Test" button says so). The live-mode
// signature (li) is checked in live mode. The trial balance stays at 0.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CustomerActor } from "@/lib/audit/actor";
import { withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { asActor, makeCustomer, makePackage, makeTenant, TEST_PASSWORD, uniq } from "@/lib/testing/factories";
import { signUpTenant } from "@/lib/tenants/sign-up-tenant";
import { startFakePaymongo, type FakePaymongo } from "./fakes/paymongo";
import { attempt, balanced, expectOnePaymentEachWay, hooksOf, payCheckedLater as pay, payEachWay, payments, reconcileLater, webhookHarness } from "./testing/harness";
import { gatewayAccount, webhookUrl } from "./gateway-account";
import { saveGateway, testGateway } from "./gateways-admin";
import { adapterFor } from "./gateways/registry";

let fake: FakePaymongo;
const EVENTS = ["checkout_session.payment.paid", "payment.failed"];

beforeAll(async () => {
  fake = await startFakePaymongo({ delayMs: 300 });
});
afterAll(() => fake?.close());
const hooks = webhookHarness();
beforeEach(() => fake.setMode({ outcome: "success", delivery: "normal" }));
afterEach(() => fake.settled());

/** An ISP in the Philippines (pesos). */
async function phTenant() {
  const slug = uniq("ph-");
  const { tenantId, ownerId } = await signUpTenant({ name: `ISP ${slug}`, slug, country: "PH", currency: "PHP", timezone: "Asia/Manila", ownerName: "Owner Person", email: `${uniq("owner")}@example.test`, password: TEST_PASSWORD });
  return { tenantId, slug, owner: asActor({ id: ownerId, tenantId, role: "OWNER", name: "Owner Person", path: "/" }) };
}

async function isp(mode: "SANDBOX" | "LIVE" = "SANDBOX") {
  const t = await phTenant();
  const secretKey = `sk_${mode === "LIVE" ? "live" : "test"}_${randomBytes(12).toString("hex")}`;
  const webhookSecret = `whsk_${randomBytes(16).toString("hex")}`;
  const gateway = await saveGateway(t.owner, { kind: "PAYMONGO", name: "GCash and cards", mode, settings: { baseUrl: fake.url }, secrets: { secretKey, webhookSecret } });
  // The ISP's PayMongo account and the webhook it created for the URL the settings page shows.
  const webhook = fake.addWebhook(secretKey, { url: webhookUrl(gateway), secretKey: webhookSecret, events: EVENTS });
  const pkg = await makePackage(t.owner, { price: "1000", validityValue: 30, validityUnit: "DAY" });
  const customer = (await makeCustomer(t.owner, { username: `pm${randomUUID().slice(0, 8)}`, packageId: pkg.id }))!;
  const me: CustomerActor = { kind: "CUSTOMER", id: customer.id, tenantId: t.tenantId, name: customer.name };
  return { t, gateway, customer, me, webhook, webhookSecret };
}

const sessionOf = async (tenantId: string, gatewayPaymentId: string) => {
  const gp = await attempt(tenantId, gatewayPaymentId);
  return fake.sessions.find((s) => s.id === gp.gatewayRef)!;
};
const paidPaymentOf = (s: { payments: { id: string; status: string }[] }) => s.payments.find((p) => p.status === "paid")!;

describe("PayMongo through the fake PayMongo", () => {
  it("the customer pays on the checkout page: credited once, renewed, the webhook kept", async () => {
    const { t, gateway, customer, me } = await isp();
    const before = (await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }))).expiresAt!;
    const started = await pay(me, customer.id, gateway.id);
    expect(started).toMatchObject({ status: "PENDING", amountMinor: 2000_00n, currency: "PHP" });
    const session = fake.sessions.at(-1)!;
    expect(started.redirectUrl).toBe(`${fake.url}/checkout/${session.id}`);
    expect(session).toMatchObject({
      amount: 2000_00,
      lineItems: [{ name: `Internet, account ${customer.username}`, amount: 2000_00, currency: "PHP", quantity: 1 }],
      methods: ["gcash", "paymaya", "card", "qrph"],
      referenceNumber: started.gatewayPaymentId,
      successUrl: `${hooks().url}/portal/${t.slug}/payments/${started.gatewayPaymentId}`,
    });

    const html = await (await fetch(started.redirectUrl!)).text();
    expect(html).toContain(">Pay</button>");
    expect(html).toContain("PHP 2000.00");
    const back = await fetch(`${started.redirectUrl}/pay`, { method: "POST", redirect: "manual" });
    expect([back.status, back.headers.get("location")]).toEqual([303, session.successUrl]);
    await fake.settled();

    const gp = await attempt(t.tenantId, started.gatewayPaymentId);
    expect(gp).toMatchObject({ status: "SUCCEEDED", gatewayTxnId: paidPaymentOf(session).id });
    const list = await payments(t.tenantId, customer.id);
    expect(list.map((p) => [p.amountMinor, p.id, p.method])).toEqual([[2000_00n, gp.paymentId, "GATEWAY"]]);
    const after = await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }));
    expect(after.expiresAt!.getTime()).toBe(before.getTime() + 30 * 86_400_000);
    const [hook, ...rest] = await hooksOf(gateway.id);
    expect(rest).toHaveLength(0);
    expect(hook).toMatchObject({ outcome: "ACCEPTED", gatewayPaymentId: gp.id, eventId: fake.sent.at(-1)!.eventId });
    expect((hook!.headers as Record<string, string>)["paymongo-signature"]).toMatch(/^t=\d+,te=[0-9a-f]{64},li=$/);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a cancel leaves nothing to pay: the session lookup expires the attempt", async () => {
    const { t, gateway, customer } = await isp();
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "100");
    const back = await fetch(`${s.redirectUrl}/cancel`, { method: "POST", redirect: "manual" });
    expect(back.headers.get("location")).toMatch(/\?cancelled=1$/);
    await fake.settled();
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("PENDING");
    await reconcileLater();
    expect(await attempt(t.tenantId, s.gatewayPaymentId)).toMatchObject({ status: "EXPIRED", failureReason: "The PayMongo checkout page expired before it was paid." });
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
  });

  it("a wallet without enough money moves nothing; the customer tries again on the same page and is credited once", async () => {
    const { t, gateway, customer } = await isp();
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "150");
    const session = await sessionOf(t.tenantId, s.gatewayPaymentId);
    expect((await fake.complete(session.id, "insufficient-funds")).redirectTo).toBe(s.redirectUrl);
    await fake.settled();
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("PENDING");
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
    expect(await (await fetch(s.redirectUrl!)).text()).toContain("Your last try failed: The account does not have enough balance for this payment.");
    // Still pending on lookup: the page is open for another try.
    await reconcileLater();
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("PENDING");

    await fake.complete(session.id, "success");
    await fake.settled();
    expect(await attempt(t.tenantId, s.gatewayPaymentId)).toMatchObject({ status: "SUCCEEDED", gatewayTxnId: paidPaymentOf(session).id });
    expect((await payments(t.tenantId, customer.id)).map((p) => p.amountMinor)).toEqual([150_00n]);
    expect((await hooksOf(gateway.id)).map((h) => [h.outcome, h.reason])).toEqual([
      ["IGNORED", "A payment try failed at PayMongo (The account does not have enough balance for this payment.); the customer may try again on the same checkout page."],
      ["ACCEPTED", expect.stringMatching(/^Credited: receipt /)],
    ]);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a webhook sent twice, a late one, and a stale failure after the success each end in one payment", async () => {
    const { t, gateway, customer } = await isp();
    await expectOnePaymentEachWay(fake, t.tenantId, customer.id, (amount) => pay(t.owner, customer.id, gateway.id, "BALANCE", amount));
    expect((await hooksOf(gateway.id)).map((h) => h.outcome)).toEqual(["ACCEPTED", "DUPLICATE", "ACCEPTED", "IGNORED", "ACCEPTED"]);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("no webhook, a badly signed one, a wrong amount: not credited from the webhook; the session lookup settles each once; PayMongo then switches the webhook off and the Test button says so", async () => {
    const { t, gateway, customer, webhook } = await isp();
    expect(await testGateway(t.owner, { gatewayId: gateway.id })).toMatchObject({ ok: true, message: "PayMongo accepted the secret key; its webhook to this site is enabled." });
    const started = await payEachWay(fake, t.tenantId, ["never", "wrong-signature", "wrong-amount", "wrong-signature"] as const, () => pay(t.owner, customer.id, gateway.id, "BALANCE", "120"));
    for (const id of started) expect((await attempt(t.tenantId, id)).status).toBe("PENDING");
    expect((await hooksOf(gateway.id)).map((h) => [h.outcome, h.reason?.replaceAll("\u00a0", " ")])).toEqual([
      ["REJECTED", "The Paymongo-Signature does not match this gateway's webhook secret key."],
      ["REJECTED", "The callback says ₱1,200.00, the payment asked for ₱120.00: not credited."],
      ["REJECTED", "The Paymongo-Signature does not match this gateway's webhook secret key."],
    ]);
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
    // Three events given up on: PayMongo switches the webhook off and sends nothing more.
    expect(webhook).toMatchObject({ status: "disabled", exhausted: 3 });
    const tested = await testGateway(t.owner, { gatewayId: gateway.id });
    expect(tested.ok).toBe(false);
    expect(tested.message).toMatch(/its webhook to this site is disabled: PayMongo switches a webhook off after repeated failed deliveries/);
    fake.setMode({ delivery: "normal" });
    const quiet = await pay(t.owner, customer.id, gateway.id, "BALANCE", "120");
    started.push(quiet.gatewayPaymentId);
    const sentBefore = fake.sent.length;
    await fake.complete((await sessionOf(t.tenantId, quiet.gatewayPaymentId)).id);
    await fake.settled();
    expect(fake.sent.length).toBe(sentBefore);

    const r = await reconcileLater();
    expect(r.settled).toBeGreaterThanOrEqual(5);
    for (const id of started) {
      const gp = await attempt(t.tenantId, id);
      expect(gp.status).toBe("SUCCEEDED");
      expect(gp.gatewayTxnId).toBe(paidPaymentOf(await sessionOf(t.tenantId, id)).id);
    }
    expect((await payments(t.tenantId, customer.id)).map((p) => p.amountMinor)).toEqual(Array(5).fill(120_00n));
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("refuses requests without a good test-mode signature, too old, or not events", async () => {
    const { gateway, webhookSecret } = await isp();
    const url = webhookUrl(gateway);
    const body = JSON.stringify({ data: { id: `evt_${randomBytes(8).toString("hex")}`, type: "event", attributes: { type: "checkout_session.payment.paid", livemode: false, data: { id: "cs_x", type: "checkout_session", attributes: { payments: [] } } } } });
    const sig = (payload: string, t = Math.floor(Date.now() / 1000)) => createHmac("sha256", webhookSecret).update(`${t}.${payload}`).digest("hex");
    const now = Math.floor(Date.now() / 1000);
    const post = (payload: string, header?: string) => fetch(url, { method: "POST", headers: { "Content-Type": "application/json", ...(header ? { "Paymongo-Signature": header } : {}) }, body: payload });

    expect((await post(body)).status).toBe(400);
    expect((await post(body, `t=${now},te=,li=${sig(body)}`)).status).toBe(400);
    expect((await post(body, `t=${now - 600},te=${sig(body, now - 600)},li=`)).status).toBe(400);
    expect((await post("{not json", `t=${now},te=${sig("{not json")},li=`)).status).toBe(400);
    expect((await post(body, `t=${now},te=${sig(body)},li=`)).status).toBe(400);
    const refund = JSON.stringify({ data: { id: "evt_refund", type: "event", attributes: { type: "refund.updated", livemode: false, data: {} } } });
    expect((await post(refund, `t=${now},te=${sig(refund)},li=`)).status).toBe(200);
    expect((await hooksOf(gateway.id)).map((h) => [h.outcome, h.reason])).toEqual([
      ["REJECTED", "No Paymongo-Signature header: not from PayMongo."],
      ["REJECTED", "The Paymongo-Signature has no test (te) signature: was the event sent in the other mode?"],
      ["REJECTED", expect.stringMatching(/^The signature is 60[0-2] seconds old; at most 300 are accepted \(a replay, or a clock that is off\)\.$/)],
      ["REJECTED", "The body is not a JSON object."],
      ["REJECTED", "A checkout_session.payment.paid event without a paid payment in it."],
      ["IGNORED", "PayMongo event refund.updated: not one we act on."],
    ]);
  });

  it("a live gateway checks the live signature (li)", async () => {
    const { t, gateway, customer } = await isp("LIVE");
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "99");
    await fake.complete((await sessionOf(t.tenantId, s.gatewayPaymentId)).id);
    await fake.settled();
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("SUCCEEDED");
    const [hook] = await hooksOf(gateway.id);
    expect((hook!.headers as Record<string, string>)["paymongo-signature"]).toMatch(/^t=\d+,te=,li=[0-9a-f]{64}$/);
  });

  it("refuses to start in another currency or with a wrong key, in words; refunds a paid payment", async () => {
    const kes = await makeTenant();
    const wrongCurrency = await saveGateway(kes.owner, { kind: "PAYMONGO", name: "PayMongo", mode: "SANDBOX", settings: { baseUrl: fake.url }, secrets: { secretKey: `sk_test_${randomBytes(12).toString("hex")}`, webhookSecret: "whsk_0123456789" } });
    const kesCustomer = (await makeCustomer(kes.owner, { username: uniq("k") }))!;
    expect(toAppError(await pay(kes.owner, kesCustomer.id, wrongCurrency.id, "BALANCE", "10").catch((e: unknown) => e)).userMessage).toBe("PayMongo takes Philippine pesos (PHP) only; this payment is in KES.");

    const { t, gateway, customer } = await isp();
    const strangerKey = `sk_test_${randomBytes(12).toString("hex")}`;
    const stranger = await saveGateway(t.owner, { kind: "PAYMONGO", name: "Not ours", mode: "SANDBOX", settings: { baseUrl: fake.url }, secrets: { secretKey: strangerKey, webhookSecret: "whsk_0123456789" } });
    expect(await testGateway(t.owner, { gatewayId: stranger.id })).toMatchObject({ ok: false, message: "PayMongo refused the secret key: check it in the gateway's settings." });
    // A key PayMongo knows but whose account has no webhook to us: still fine, said plainly.
    fake.addAccount(strangerKey);
    expect((await testGateway(t.owner, { gatewayId: stranger.id })).message).toMatch(/^PayMongo accepted the secret key\. No PayMongo webhook sends to .*\/api\/webhooks\/paymongo\/.* yet/);
    const bad = toAppError(await saveGateway(t.owner, { kind: "PAYMONGO", name: "Typo", mode: "SANDBOX", settings: { paymentMethods: "gcash, not a method!" }, secrets: { secretKey: "pk_test_x", webhookSecret: "x" } }).catch((e: unknown) => e));
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["secret.secretKey", "secret.webhookSecret", "settings.paymentMethods"]);

    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "300");
    await fake.complete((await sessionOf(t.tenantId, s.gatewayPaymentId)).id);
    await fake.settled();
    const gp = await attempt(t.tenantId, s.gatewayPaymentId);
    const account = gatewayAccount(await withTenant(t.tenantId, (tx) => tx.paymentGateway.findUniqueOrThrow({ where: { id: gateway.id } })));
    expect((await adapterFor("PAYMONGO").refund!(account, gp.gatewayTxnId!, 100_00n, "PHP")).refundId).toMatch(/^ref_/);
    await expect(adapterFor("PAYMONGO").refund!(account, gp.gatewayTxnId!, 250_00n, "PHP")).rejects.toThrow("PayMongo refused the refund: amount is more than what is left to refund.");
  });
});
