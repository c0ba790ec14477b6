// bKash end to end against the fake bKash (lib/payments/fakes/bkash.ts) and PostgreSQL, through the
// real webhook path: the customer pays on bKash's page, its browser comes back to our return URL,
// the status query executes the payment and it is credited once (a renewal renews); a cancel, a
// failure, insufficient balance at execute; a customer who never comes back (the reconcile job
// executes); a return sent twice, late, at once three times, a stale cancel after the success, a
// wrong amount in bKash's answer; a return claiming success for a payment nobody approved; bad
// returns stored and refused. One execute, one payment, and the trial balance stays 0.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CustomerActor } from "@/lib/audit/actor";
import { withSystem, withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { makeCustomer, makePackage, makeTenant } from "@/lib/testing/factories";
import { BKASH_PIN, BKASH_WALLETS, startFakeBkash, type FakeBkash } from "./fakes/bkash";
import { attempt, balanced, dueNow, hooksOf, pay, payments as paymentsBy, webhookHarness } from "./testing/harness";
import { listGateways, saveGateway, testGateway } from "./gateways-admin";
import { getPaymentAttempt } from "./start";
import { reconcilePending } from "./reconcile";

let fake: FakeBkash;
beforeAll(async () => {
  fake = await startFakeBkash({ delayMs: 1_000 });
});
afterAll(() => fake?.close());
const hooks = webhookHarness();
beforeEach(() => fake.setMode({ outcome: "pay", delivery: "normal" }));
// Browser returns still in flight land before the next test (and before the database goes away).
afterEach(() => fake.settled());

const SECRETS = { username: "sandboxTokenizedUser02", password: "sandboxTokenizedUser02@12345", appKey: "fake-bkash-app-key", appSecret: "fake-bkash-app-secret" };

async function isp(currency = "BDT") {
  const t = await makeTenant();
  await withSystem("test: the ISP bills in taka", (tx) => tx.tenant.update({ where: { id: t.tenantId }, data: { currency, country: "BD", timezone: "Asia/Dhaka" } }));
  const gateway = await saveGateway(t.owner, { kind: "BKASH", name: "bKash", mode: "SANDBOX", settings: { baseUrl: fake.baseUrl }, secrets: SECRETS });
  const pkg = await makePackage(t.owner, { price: "1000", validityValue: 30, validityUnit: "DAY" });
  const customer = (await makeCustomer(t.owner, { username: `bk${randomUUID().slice(0, 8)}`, packageId: pkg.id }))!;
  const me: CustomerActor = { kind: "CUSTOMER", id: customer.id, tenantId: t.tenantId, name: customer.name };
  return { t, gateway, customer, me };
}

const payments = (tenantId: string, customerId: string) => paymentsBy(tenantId, customerId, "MOBILE_MONEY");
const fakeOf = async (tenantId: string, gatewayPaymentId: string) => {
  const ref = (await attempt(tenantId, gatewayPaymentId)).gatewayRef;
  return fake.payments.find((p) => p.paymentID === ref)!;
};
/** A browser coming back to our return URL: our answer's status and where it sends the browser. */
const browse = async (url: string) => {
  const r = await fetch(url, { redirect: "manual" });
  await r.text();
  return { status: r.status, location: r.headers.get("location") };
};
const returnUrl = (gatewayId: string, paymentID: string, status: string) => `${hooks().url}/api/webhooks/bkash/${gatewayId}/return?paymentID=${encodeURIComponent(paymentID)}&status=${status}`;

describe("bKash tokenized checkout through the fake bKash", () => {
  it("the customer pays on bKash's page: executed once, credited once, renewed, sent on to its payment's page", async () => {
    const { t, gateway, customer, me } = await isp();
    const before = (await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }))).expiresAt!;
    const started = await pay(me, customer.id, gateway.id);
    expect(started).toMatchObject({ status: "PENDING", amountMinor: 2000_00n, currency: "BDT" });
    const p = fake.payments.at(-1)!;
    expect(p).toMatchObject({
      amount: "2000.00",
      currency: "BDT",
      intent: "sale",
      payerReference: customer.username,
      merchantInvoiceNumber: started.gatewayPaymentId,
      callbackURL: `${hooks().url}/api/webhooks/bkash/${gateway.id}/return`,
    });
    expect(started.redirectUrl).toMatch(new RegExp(`^${fake.url}/pay\\?paymentId=${p.paymentID}&`));

    // bKash's page, as a browser sees and submits it.
    const html = await (await fetch(started.redirectUrl!)).text();
    expect(html).toContain(">Pay</button>");
    expect(html).toContain(">Cancel</button>");
    const paid = await fetch(`${fake.url}/pay`, { method: "POST", body: new URLSearchParams({ paymentId: p.paymentID, wallet: BKASH_WALLETS.pay, pin: BKASH_PIN, action: "pay" }), redirect: "manual" });
    expect(paid.status).toBe(303);
    const back = paid.headers.get("location")!;
    expect(back).toBe(`${returnUrl(gateway.id, p.paymentID, "success")}&apiVersion=1.2.0-beta`);
    expect(p.executeCalls).toBe(0);
    expect(await browse(back)).toEqual({ status: 303, location: `${hooks().url}/portal/${t.slug}/payments/${started.gatewayPaymentId}` });

    expect(p).toMatchObject({ transactionStatus: "Completed", executeCalls: 1 });
    const gp = await attempt(t.tenantId, started.gatewayPaymentId);
    expect(gp).toMatchObject({ status: "SUCCEEDED", gatewayTxnId: p.trxID });
    const [payment, ...more] = await payments(t.tenantId, customer.id);
    expect(more).toHaveLength(0);
    expect(payment).toMatchObject({ amountMinor: 2000_00n, id: gp.paymentId });
    const after = await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }));
    expect(after.expiresAt!.getTime()).toBe(before.getTime() + 30 * 86_400_000);
    expect((await getPaymentAttempt(me, gp.id)).receiptNumber).toBe(payment!.receiptNumber);
    const [row] = await hooksOf(gateway.id);
    expect(row).toMatchObject({ method: "GET", outcome: "ACCEPTED", tenantId: t.tenantId, gatewayPaymentId: gp.id });
    expect(row!.path).toContain(`paymentID=${p.paymentID}`);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a return sent twice, or three at once: one execute, one payment", async () => {
    const { t, gateway, customer } = await isp();
    fake.setMode({ delivery: "duplicate" });
    const a = await pay(t.owner, customer.id, gateway.id, "BALANCE", "250");
    fake.approve((await fakeOf(t.tenantId, a.gatewayPaymentId)).paymentID);
    await fake.settled();
    expect(fake.returns.slice(-2).map((r) => r.status)).toEqual([303, 303]);
    expect((await fakeOf(t.tenantId, a.gatewayPaymentId)).executeCalls).toBe(1);
    expect((await hooksOf(gateway.id)).map((h) => h.outcome)).toEqual(["ACCEPTED", "DUPLICATE"]);

    fake.setMode({ delivery: "never" });
    const b = await pay(t.owner, customer.id, gateway.id, "BALANCE", "300");
    const pb = await fakeOf(t.tenantId, b.gatewayPaymentId);
    const url = fake.approve(pb.paymentID);
    const answers = await Promise.all([browse(url), browse(url), browse(url)]);
    expect(answers.map((x) => x.status)).toEqual([303, 303, 303]);
    expect(pb.transactionStatus).toBe("Completed");
    expect((await hooksOf(gateway.id)).slice(2).map((h) => h.outcome).sort()).toEqual(["ACCEPTED", "DUPLICATE", "DUPLICATE"]);
    expect((await payments(t.tenantId, customer.id)).map((p) => p.amountMinor)).toEqual([250_00n, 300_00n]);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a cancel, or a failure on bKash's page: the attempt says so, nothing is executed", async () => {
    const { t, gateway, customer } = await isp();
    const c = await pay(t.owner, customer.id, gateway.id, "BALANCE", "100");
    const pc = await fakeOf(t.tenantId, c.gatewayPaymentId);
    const cancelled = await fetch(`${fake.url}/pay`, { method: "POST", body: new URLSearchParams({ paymentId: pc.paymentID, action: "cancel" }), redirect: "manual" });
    expect(await browse(cancelled.headers.get("location")!)).toEqual({ status: 303, location: `${hooks().url}/portal/${t.slug}/payments/${c.gatewayPaymentId}` });
    expect(await attempt(t.tenantId, c.gatewayPaymentId)).toMatchObject({ status: "CANCELLED", failureReason: "Cancelled on bKash's page." });

    const f = await pay(t.owner, customer.id, gateway.id, "BALANCE", "100");
    fake.approve((await fakeOf(t.tenantId, f.gatewayPaymentId)).paymentID, "failure");
    await fake.settled();
    expect(await attempt(t.tenantId, f.gatewayPaymentId)).toMatchObject({ status: "FAILED", failureReason: "The payment failed on bKash's page." });
    expect(pc.executeCalls + (await fakeOf(t.tenantId, f.gatewayPaymentId)).executeCalls).toBe(0);
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
  });

  it("insufficient balance (wallet 01823074817): execute is refused, nothing is credited, the attempt fails", async () => {
    const { t, gateway, customer } = await isp();
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "500");
    const p = await fakeOf(t.tenantId, s.gatewayPaymentId);
    const paid = await fetch(`${fake.url}/pay`, { method: "POST", body: new URLSearchParams({ paymentId: p.paymentID, wallet: BKASH_WALLETS.insufficient, pin: BKASH_PIN, action: "pay" }), redirect: "manual" });
    // bKash's page says success: the money is short only at execute.
    expect(paid.headers.get("location")).toContain("status=success");
    expect((await browse(paid.headers.get("location")!)).status).toBe(303);
    expect(p).toMatchObject({ transactionStatus: "Failed", executeCalls: 1, trxID: null });
    // The status query is bKash's own word: the failure settles the attempt at once.
    const [row] = await hooksOf(gateway.id);
    expect(row).toMatchObject({ outcome: "ACCEPTED", reason: "Not enough money in the bKash account." });
    expect(await attempt(t.tenantId, s.gatewayPaymentId)).toMatchObject({ status: "FAILED", failureCode: "2023" });
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("the customer pays but never comes back: the reconcile job's query executes and credits it", async () => {
    const { t, gateway, customer } = await isp();
    fake.setMode({ delivery: "never" });
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "120");
    const p = await fakeOf(t.tenantId, s.gatewayPaymentId);
    fake.approve(p.paymentID);
    await fake.settled();
    expect(await hooksOf(gateway.id)).toHaveLength(0);
    expect(p).toMatchObject({ transactionStatus: "Initiated", approved: true, executeCalls: 0 });
    await dueNow(t.tenantId, s.gatewayPaymentId);
    await reconcilePending();
    expect(p).toMatchObject({ transactionStatus: "Completed", executeCalls: 1 });
    expect(await attempt(t.tenantId, s.gatewayPaymentId)).toMatchObject({ status: "SUCCEEDED", gatewayTxnId: p.trxID });
    expect((await payments(t.tenantId, customer.id)).map((x) => x.amountMinor)).toEqual([120_00n]);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a late return after the reconcile job settled it, and a stale cancel after a success, change nothing", async () => {
    const { t, gateway, customer } = await isp();
    fake.setMode({ delivery: "delayed" });
    const late = await pay(t.owner, customer.id, gateway.id, "BALANCE", "80");
    const pl = await fakeOf(t.tenantId, late.gatewayPaymentId);
    fake.approve(pl.paymentID);
    await dueNow(t.tenantId, late.gatewayPaymentId);
    await reconcilePending();
    expect((await attempt(t.tenantId, late.gatewayPaymentId)).status).toBe("SUCCEEDED");
    await fake.settled();
    expect(pl.executeCalls).toBe(1);

    fake.setMode({ delivery: "out-of-order" });
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "90");
    fake.approve((await fakeOf(t.tenantId, s.gatewayPaymentId)).paymentID);
    await fake.settled();
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("SUCCEEDED");
    expect((await hooksOf(gateway.id)).map((h) => [h.outcome, h.reason])).toEqual([
      ["DUPLICATE", "Already credited."],
      ["ACCEPTED", expect.stringMatching(/^Credited: receipt /)],
      ["IGNORED", "A late notice (failed, cancelled or expired) for a payment already succeeded."],
    ]);
    expect((await payments(t.tenantId, customer.id)).map((x) => x.amountMinor)).toEqual([80_00n, 90_00n]);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a return claiming success for a payment the customer never approved credits nothing", async () => {
    const { t, gateway, customer } = await isp();
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "700");
    const p = await fakeOf(t.tenantId, s.gatewayPaymentId);
    // Sent on to the ISP's portal (the core names no attempt when the query does not confirm; see the report).
    const back = await browse(returnUrl(gateway.id, p.paymentID, "success"));
    expect(back.status).toBe(303);
    expect(back.location).toMatch(new RegExp(`^${hooks().url}/portal/${t.slug}(/payments/${s.gatewayPaymentId})?$`));
    // Execute was tried once and refused: the customer has not approved.
    expect(p).toMatchObject({ transactionStatus: "Initiated", executeCalls: 1, trxID: null });
    const [row] = await hooksOf(gateway.id);
    expect(row).toMatchObject({ outcome: "IGNORED", reason: "The gateway's status query does not confirm it yet: the reconcile job will ask again." });
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("PENDING");
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
    // The customer then pays for real: credited once.
    fake.approve(p.paymentID);
    await fake.settled();
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("SUCCEEDED");
    expect((await payments(t.tenantId, customer.id)).map((x) => x.amountMinor)).toEqual([700_00n]);
  });

  it("bKash's answer with another amount than asked is not credited", async () => {
    const { t, gateway, customer } = await isp();
    fake.setMode({ delivery: "wrong-amount" });
    const s = await pay(t.owner, customer.id, gateway.id, "BALANCE", "150");
    fake.approve((await fakeOf(t.tenantId, s.gatewayPaymentId)).paymentID);
    await fake.settled();
    const [row] = await hooksOf(gateway.id);
    expect(row!.outcome).toBe("REJECTED");
    expect(row!.reason?.replaceAll("\u00a0", " ")).toMatch(/^The callback says .*1,500\.00, the payment asked for .*150\.00: not credited\.$/);
    expect((await attempt(t.tenantId, s.gatewayPaymentId)).status).toBe("PENDING");
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
  });

  it("bad returns are stored and refused; a return for a payment bKash does not know credits nothing", async () => {
    const { gateway } = await isp();
    const base = `${hooks().url}/api/webhooks/bkash/${gateway.id}`;
    expect((await fetch(`${base}/return?paymentID=X&status=success`, { method: "POST" })).status).toBe(405);
    expect((await browse(`${base}/return?status=success`)).status).toBe(400);
    expect((await browse(`${base}/return?paymentID=X&status=paid`)).status).toBe(400);
    expect((await browse(`${base}/elsewhere?paymentID=X&status=success`)).status).toBe(404);
    expect((await browse(`${base}/return?paymentID=TR0011NOSUCH&status=success`)).status).toBe(303);
    expect((await hooksOf(gateway.id)).map((r) => [r.outcome, r.reason])).toEqual([
      ["REJECTED", "bKash sends the customer's browser back with a GET."],
      ["REJECTED", "Not a return from bKash: it needs a paymentID and a status of success, failure or cancel."],
      ["REJECTED", "Not a return from bKash: it needs a paymentID and a status of success, failure or cancel."],
      ["REJECTED", "No such bKash callback: bKash sends the customer back to .../return."],
      ["IGNORED", 'No payment of ours has the reference "TR0011NOSUCH".'],
    ]);
  });

  it("tests the credentials, keeps secrets sealed, wants the live address, and refuses another currency in words", async () => {
    const { t, gateway } = await isp();
    expect(await testGateway(t.owner, { gatewayId: gateway.id })).toMatchObject({ ok: true, message: "bKash accepted the username, password and app key." });
    const [row] = await listGateways(t.owner);
    expect(row!.secretsSet).toEqual(["appKey", "appSecret", "password", "username"]);
    expect(JSON.stringify(row)).not.toContain(SECRETS.appSecret);

    const wrong = await saveGateway(t.owner, { kind: "BKASH", name: "bKash wrong", mode: "SANDBOX", settings: { baseUrl: fake.baseUrl }, secrets: { ...SECRETS, appSecret: "not-the-secret" } });
    expect(await testGateway(t.owner, { gatewayId: wrong.id })).toMatchObject({ ok: false, message: "bKash refused the username, password or app key: Invalid App Key" });
    const live = await saveGateway(t.owner, { kind: "BKASH", name: "bKash live", mode: "LIVE", settings: {}, secrets: SECRETS });
    expect(await testGateway(t.owner, { gatewayId: live.id })).toMatchObject({ ok: false, message: "Set bKash's API address for live payments: bKash gives it with the live credentials." });

    const shillings = await isp("KES");
    const refused = toAppError(await pay(shillings.t.owner, shillings.customer.id, shillings.gateway.id, "BALANCE", "100").catch((e: unknown) => e));
    expect(refused.userMessage).toBe("bKash takes taka (BDT) only, not KES: choose another way to pay.");
  });
});
