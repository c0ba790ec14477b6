// Who may configure gateways, test them, allocate suspense money and start payments: the ISP's
// owner and admins configure and allocate; staff who collect start a payment for a customer they
// see; a customer only for itself. Every refusal leaves both ISPs unchanged.
import { randomUUID } from "node:crypto";
import { describe, it } from "vitest";
import type { CustomerActor } from "@/lib/audit/actor";
import { withTenant } from "@/lib/db";
import { expectRefused, makeCast } from "@/lib/testing/authz";
import { makeCustomer } from "@/lib/testing/factories";
import { saveGateway, testGateway } from "./gateways-admin";
import { allocateSuspense } from "./settle";
import { startPayment } from "./start";
import { createPaymentLink } from "./links";
import { refundGatewayPayment } from "./refund";

const mpesa = { kind: "MPESA" as const, mode: "SANDBOX" as const, settings: { shortcode: "174379", transactionType: "CustomerPayBillOnline", baseUrl: "http://127.0.0.1:9" }, secrets: { consumerKey: "key-12345678", consumerSecret: "secret-12345678", passkey: "passkey-12345678" } };

describe("payment refusals", () => {
  it("refuses gateway settings, tests, suspense and payments to those who may not", async () => {
    const c = await makeCast();
    const tenants = [c.tenantId, c.strangerTenantId];
    const gateway = await saveGateway(c.owner, { ...mpesa, name: "M-Pesa" });
    const customer = (await makeCustomer(c.owner, { username: `pa${randomUUID().slice(0, 8)}` }))!;
    const other = (await makeCustomer(c.owner, { username: `pb${randomUUID().slice(0, 8)}` }))!;
    const suspense = await withTenant(c.tenantId, (tx) =>
      tx.gatewayPayment.create({ data: { tenantId: c.tenantId, gatewayId: gateway.id, purpose: "ANNOUNCED", amountMinor: 100n, currency: "KES", status: "SUSPENSE", settledAt: new Date(), gatewayTxnId: "TX1", idempotencyKey: randomUUID() } }),
    );

    for (const actor of [c.manager, c.reseller, c.subReseller]) await expectRefused(() => saveGateway(actor, { ...mpesa, name: "Mine" }), tenants);
    await expectRefused(() => saveGateway(c.stranger, { ...mpesa, id: gateway.id, name: "Taken over" }), tenants);
    for (const actor of [c.manager, c.reseller, c.stranger]) await expectRefused(() => testGateway(actor, { gatewayId: gateway.id }), tenants);
    for (const actor of [c.manager, c.reseller, c.stranger]) await expectRefused(() => allocateSuspense(actor, { gatewayPaymentId: suspense.id, username: customer.username }), tenants);
    // A payment for a customer out of sight: another reseller's, another ISP's, another customer's own.
    const start = (actor: Parameters<typeof startPayment>[0], customerId: string) =>
      startPayment(actor, { customerId, gatewayId: gateway.id, purpose: "BALANCE", amount: "10", phone: "0712345670", idempotencyKey: randomUUID() });
    for (const actor of [c.reseller, c.subReseller, c.stranger]) await expectRefused(() => start(actor, customer.id), tenants);
    for (const actor of [c.reseller, c.subReseller, c.stranger]) await expectRefused(() => createPaymentLink(actor, { customerId: customer.id }), tenants);
    for (const actor of [c.manager, c.reseller, c.stranger]) await expectRefused(() => refundGatewayPayment(actor, { gatewayPaymentId: suspense.id, reason: "not theirs" }), tenants);
    const me: CustomerActor = { kind: "CUSTOMER", id: customer.id, tenantId: c.tenantId, name: customer.name };
    await expectRefused(() => start(me, other.id), tenants);
  });
});
