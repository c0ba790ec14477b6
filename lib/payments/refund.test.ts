// Refunds from the admin, against the fake Stripe and PostgreSQL: the whole payment goes back
// through the gateway once, the receipt is reversed (its invoice reopens), the books balance; a
// second click, a gateway without refunds, and staff without billing rights are refused in words.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { makeCustomer, makeOperator, makePackage, makeTenant } from "@/lib/testing/factories";
import { startFakeStripe, type FakeStripe } from "./fakes/stripe";
import { attempt, balanced, webhookHarness } from "./testing/harness";
import { saveGateway, testGateway } from "./gateways-admin";
import { webhookUrl } from "./gateway-account";
import { startPayment } from "./start";
import { refundGatewayPayment } from "./refund";

let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(() => fake?.close());
webhookHarness();

describe("refunds", () => {
  it("gives a paid card payment back once and reverses its receipt", async () => {
    const t = await makeTenant();
    const keys = { secretKey: `sk_test_${randomBytes(12).toString("hex")}`, webhookSecret: `whsec_${randomBytes(16).toString("hex")}` };
    const gateway = await saveGateway(t.owner, { kind: "STRIPE", name: "Card", mode: "SANDBOX", settings: { apiBase: fake.url }, secrets: keys });
    fake.addAccount({ ...keys, webhookUrl: webhookUrl(gateway) });
    const pkg = await makePackage(t.owner, { price: "1000" });
    const customer = (await makeCustomer(t.owner, { username: `rf${randomUUID().slice(0, 6)}`, packageId: pkg.id }))!;
    const s = await startPayment(t.owner, { customerId: customer.id, gatewayId: gateway.id, purpose: "BALANCE", idempotencyKey: randomUUID() });
    const session = fake.sessions.find((x) => x.clientReferenceId === s.gatewayPaymentId)!;
    await fake.complete(session.id);
    await fake.settled();
    const paid = await attempt(t.tenantId, s.gatewayPaymentId);
    expect(paid.status).toBe("SUCCEEDED");

    const manager = await makeOperator(t.owner, "MANAGER");
    expect(toAppError(await refundGatewayPayment(manager.actor, { gatewayPaymentId: paid.id, reason: "asked" }).catch((e: unknown) => e)).code).toBe("FORBIDDEN");
    expect(toAppError(await refundGatewayPayment(t.owner, { gatewayPaymentId: paid.id, reason: "" }).catch((e: unknown) => e)).fieldErrors?.reason).toEqual(["Say why the money goes back."]);

    const done = await refundGatewayPayment(t.owner, { gatewayPaymentId: paid.id, reason: "moved away" });
    expect(done.refundId).toMatch(/^re_/);
    expect(session.intent!.refunded).toBe(1000_00);
    const [payment, invoice, after] = await withTenant(t.tenantId, (tx) =>
      Promise.all([
        tx.payment.findUniqueOrThrow({ where: { id: paid.paymentId! } }),
        tx.invoice.findFirstOrThrow({ where: { customerId: customer.id } }),
        tx.gatewayPayment.findUniqueOrThrow({ where: { id: paid.id } }),
      ]),
    );
    expect(payment.status).toBe("REVERSED");
    expect(payment.reversalReason).toBe(`Refunded through Card (${done.refundId}): moved away`);
    expect(invoice.status).toBe("ISSUED");
    expect(after).toMatchObject({ refundId: done.refundId, status: "SUCCEEDED" });
    expect(after.refundedAt).not.toBeNull();
    expect(toAppError(await refundGatewayPayment(t.owner, { gatewayPaymentId: paid.id, reason: "again" }).catch((e: unknown) => e)).userMessage).toBe("This payment was already refunded.");
    expect(session.intent!.refunded).toBe(1000_00);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("a gateway without a refund call says where to refund", async () => {
    const t = await makeTenant();
    const gateway = await saveGateway(t.owner, { kind: "MPESA", name: "M-Pesa", mode: "SANDBOX", settings: { shortcode: "174379", transactionType: "CustomerPayBillOnline" }, secrets: { consumerKey: "key-12345678", consumerSecret: "secret-12345678", passkey: "passkey-12345678" } });
    const customer = (await makeCustomer(t.owner, { username: `rm${randomUUID().slice(0, 6)}` }))!;
    const gp = await withTenant(t.tenantId, (tx) =>
      tx.gatewayPayment.create({ data: { tenantId: t.tenantId, gatewayId: gateway.id, customerId: customer.id, purpose: "BALANCE", amountMinor: 100n, currency: "KES", idempotencyKey: randomUUID() } }),
    );
    const e = toAppError(await refundGatewayPayment(t.owner, { gatewayPaymentId: gp.id, reason: "asked" }).catch((x: unknown) => x));
    expect(e.userMessage).toBe("M-Pesa refunds are made in its own dashboard: refund there, then reverse the receipt on the customer's page.");
  });

  it("a card gateway's test starts a real smallest payment whose money lands in suspense", async () => {
    const t = await makeTenant();
    const keys = { secretKey: `sk_test_${randomBytes(12).toString("hex")}`, webhookSecret: `whsec_${randomBytes(16).toString("hex")}` };
    const gateway = await saveGateway(t.owner, { kind: "STRIPE", name: "Card", mode: "SANDBOX", settings: { apiBase: fake.url }, secrets: keys });
    fake.addAccount({ ...keys, webhookUrl: webhookUrl(gateway) });
    const r = await testGateway(t.owner, { gatewayId: gateway.id, testPayment: "on" });
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(new RegExp(`pay it at ${fake.url}/checkout/cs_`));
    const session = fake.sessions.find((x) => x.clientReferenceId === r.gatewayPaymentId)!;
    expect(session.amount).toBe(100);
    await fake.complete(session.id);
    await fake.settled();
    expect(await attempt(t.tenantId, r.gatewayPaymentId!)).toMatchObject({ status: "SUSPENSE", purpose: "TEST", customerId: null });
    expect(await balanced(t.tenantId)).toBe(true);
  });
});
