// The generic signed webhook end to end: a provider (lib/payments/fakes/generic.ts) signs and posts
// announcements to our real webhook path, against PostgreSQL. Money for a known account is
// credited once however often it is announced (the same event again, or a new event for the same
// transaction); an unknown account's money waits in suspense until allocated; stale, forged,
// tampered, unsigned or malformed requests are refused with a 4xx and kept with the reason; the
// gateway refuses to start payments, in words. The trial balance stays at 0.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { makeCustomer, makeTenant } from "@/lib/testing/factories";
import { announce, genericSignature } from "./fakes/generic";
import { balanced, hooksOf, payments, webhookHarness } from "./testing/harness";
import { gatewayAccount, webhookUrl } from "./gateway-account";
import { saveGateway, testGateway } from "./gateways-admin";
import { adapterFor } from "./gateways/registry";
import { allocateSuspense } from "./settle";
import { startPayment } from "./start";

webhookHarness();

async function isp() {
  const t = await makeTenant();
  const secret = randomBytes(32).toString("hex");
  const gateway = await saveGateway(t.owner, { kind: "GENERIC", name: "Bank collections", mode: "LIVE", secrets: { sharedSecret: secret } });
  const customer = (await makeCustomer(t.owner, { username: `gn${randomUUID().slice(0, 8)}` }))!;
  return { t, gateway, customer, secret, url: webhookUrl(gateway) };
}

describe("the generic signed webhook", () => {
  it("credits the customer whose username is the account, once, however often the money is announced", async () => {
    const { t, gateway, customer, secret, url } = await isp();
    const first = await announce(url, secret, { account: customer.username, amount: "150.00", currency: "KES", phone: "254712345678", note: "Paid at the bank" });
    expect([first.status, first.json]).toEqual([200, { ok: true }]);
    // The same event again (a provider's retry), and a new event for the same transaction.
    expect((await announce(url, secret, first.announcement)).status).toBe(200);
    expect((await announce(url, secret, { ...first.announcement, id: "evt-other" })).status).toBe(200);
    // A second payment, its amount a JSON number.
    expect((await announce(url, secret, { account: customer.username, amount: 75, currency: "kes" })).status).toBe(200);

    const list = await payments(t.tenantId, customer.id);
    expect(list.map((p) => [p.amountMinor, p.method])).toEqual([
      [150_00n, "GATEWAY"],
      [75_00n, "GATEWAY"],
    ]);
    expect(list[0]!.reference).toBe(`Bank collections: ${first.announcement.txn_id}`);
    const gp = await withTenant(t.tenantId, (tx) => tx.gatewayPayment.findFirstOrThrow({ where: { gatewayTxnId: first.announcement.txn_id } }));
    expect(gp).toMatchObject({ status: "SUCCEEDED", purpose: "ANNOUNCED", customerId: customer.id, accountRef: customer.username, phone: "254712345678", paymentId: list[0]!.id });
    const rows = await hooksOf(gateway.id);
    expect(rows.map((h) => [h.outcome, h.eventId])).toEqual([
      ["ACCEPTED", first.announcement.id],
      ["DUPLICATE", first.announcement.id],
      ["DUPLICATE", "evt-other"],
      ["ACCEPTED", expect.any(String)],
    ]);
    expect(rows[1]!.reason).toBe(`Transaction ${first.announcement.txn_id} was already received.`);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("money for an account nobody has waits in suspense until an operator allocates it", async () => {
    const { t, gateway, customer, secret, url } = await isp();
    const stray = await announce(url, secret, { account: "NOSUCHUSER", amount: "450", currency: "KES" });
    expect(stray.status).toBe(200);
    const held = await withTenant(t.tenantId, (tx) => tx.gatewayPayment.findFirstOrThrow({ where: { gatewayId: gateway.id, gatewayTxnId: stray.announcement.txn_id } }));
    expect(held).toMatchObject({ status: "SUSPENSE", customerId: null, amountMinor: 450_00n, failureReason: "No customer has the account number NOSUCHUSER." });
    const none = await announce(url, secret, { account: "", amount: "10.50", currency: "KES" });
    expect(none.status).toBe(200);
    expect((await withTenant(t.tenantId, (tx) => tx.gatewayPayment.findFirstOrThrow({ where: { gatewayTxnId: none.announcement.txn_id } }))).failureReason).toBe("No account number given.");
    expect(await payments(t.tenantId, customer.id)).toHaveLength(0);
    const receipt = await allocateSuspense(t.owner, { gatewayPaymentId: held.id, username: customer.username });
    expect(receipt.amountMinor).toBe(450_00n);
    expect((await announce(url, secret, stray.announcement)).status).toBe(200);
    expect(await payments(t.tenantId, customer.id)).toHaveLength(1);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("refuses stale, forged, tampered, unsigned and malformed announcements with a 4xx, keeps them with the reason, credits nothing", async () => {
    const { t, gateway, customer, secret, url } = await isp();
    const valid = { account: customer.username, amount: "100.00", currency: "KES" };
    const now = Math.floor(Date.now() / 1000);
    const answers = [
      await announce(url, secret, valid, { timestamp: now - 302 }),
      await announce(url, secret, valid, { timestamp: now + 600 }),
      await announce(url, secret, valid, { signWith: randomBytes(32).toString("hex") }),
      await announce(url, secret, valid, { tamper: (b) => b.replace("100.00", "900.00") }),
      await announce(url, secret, valid, { unsigned: true }),
      await announce(url, secret, valid, { rawBody: "{not json" }),
      await announce(url, secret, valid, { rawBody: JSON.stringify({ id: "e1", txn_id: "T1", account: customer.username, amount: "1.005", currency: "KES" }) }),
      await announce(url, secret, valid, { rawBody: JSON.stringify({ id: "e2", account: customer.username, amount: "5", currency: "KES" }) }),
      await announce(url, secret, valid, { rawBody: JSON.stringify({ id: "e3", txn_id: "T3", account: customer.username, amount: "-5", currency: "KES" }) }),
      await announce(url, secret, { ...valid, currency: "USD" }),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400, 422]);
    // A header with several v1 signatures (a secret being rotated) passes when one of them matches.
    const body = JSON.stringify({ id: "rotating", txn_id: `TX${randomBytes(4).toString("hex")}`, account: customer.username, amount: "20.00", currency: "KES" });
    const good = genericSignature(secret, body);
    const rotated = `${good.split(",")[0]},v1=${"0".repeat(64)},${good.split(",")[1]}`;
    expect((await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "X-Signature": rotated }, body })).status).toBe(200);

    expect((await hooksOf(gateway.id)).map((h) => [h.outcome, h.reason])).toEqual([
      ["REJECTED", expect.stringMatching(/^The signature is 30[2-4] seconds old; at most 300 are accepted \(a replay, or a clock that is off\)\.$/)],
      ["REJECTED", expect.stringMatching(/^The signature is dated (599|600) seconds in the future; at most 300 are accepted \(a clock that is off\)\.$/)],
      ["REJECTED", "The X-Signature does not match this gateway's shared secret."],
      ["REJECTED", "The X-Signature does not match this gateway's shared secret."],
      ["REJECTED", "No X-Signature header: the message is not signed."],
      ["REJECTED", "The body is not a JSON object."],
      ["REJECTED", 'amount: a positive decimal with at most 2 decimals, such as "150.00".'],
      ["REJECTED", "Not an announcement: txn_id: text."],
      ["REJECTED", 'amount: a positive decimal with at most 2 decimals, such as "150.00".'],
      ["REJECTED", "The money is in USD, the ISP bills in KES."],
      ["ACCEPTED", expect.stringMatching(/^Credited to /)],
    ]);
    expect((await payments(t.tenantId, customer.id)).map((p) => p.amountMinor)).toEqual([20_00n]);
    // The refused request is kept as it arrived.
    const [stale] = await hooksOf(gateway.id);
    expect(JSON.parse(Buffer.from(stale!.body).toString("utf8"))).toMatchObject({ account: customer.username, amount: "100.00" });
    expect((stale!.headers as Record<string, string>)["x-signature"]).toBe(answers[0]!.signature);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("only receives: starting a payment is refused in words; the test button and the status query say there is nothing to call; a short secret is refused", async () => {
    const { t, gateway, customer } = await isp();
    const refused = toAppError(await startPayment(t.owner, { customerId: customer.id, gatewayId: gateway.id, purpose: "BALANCE", amount: "100", idempotencyKey: randomUUID() }).catch((e: unknown) => e));
    expect(refused.userMessage).toBe("This gateway only receives payments its provider announces: customers pay the provider directly, with their username as the account number.");
    expect(await testGateway(t.owner, { gatewayId: gateway.id })).toMatchObject({ ok: true, message: `Nothing to call: this gateway only receives. The provider signs each message with the shared secret and posts it to ${webhookUrl(gateway)}.` });
    const account = gatewayAccount(await withTenant(t.tenantId, (tx) => tx.paymentGateway.findUniqueOrThrow({ where: { id: gateway.id } })));
    expect((await adapterFor("GENERIC").query(account, "anything", { amountMinor: 1n, currency: "KES" })).event.type).toBe("ignored");
    const short = toAppError(await saveGateway(t.owner, { kind: "GENERIC", name: "Short", mode: "LIVE", secrets: { sharedSecret: "too-short" } }).catch((e: unknown) => e));
    expect(short.fieldErrors).toEqual({ "secret.sharedSecret": ["At least 32 characters, e.g. from: openssl rand -hex 32"] });
  });
});
