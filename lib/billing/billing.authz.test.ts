// Who may move whose money, asked of the billing services directly. Resellers hold no billing
// permission yet (their wallet comes with the reseller issue), managers collect but do not void,
// credit or reverse, and another ISP's owner finds nothing. A refused call changes nothing.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, it } from "vitest";
import { expectRefused, makeCast, type Cast } from "@/lib/testing/authz";
import { makeCustomer, makePackage, fundWallet } from "@/lib/testing/factories";
import { createInvoice, creditInvoice, issueDraftInvoice, voidInvoice } from "./invoices/invoice-services";
import { cashInHand, recordPayment, reversePayment } from "./payments/payment-services";
import { renewCustomer } from "./renewals/renew-customer";
import { setCustomerBillingTerms } from "./terms-services";

let c: Cast;
let customerId: string;
let resellerCustomerId: string;
let invoiceId: string;
let draftId: string;
let paymentId: string;
beforeAll(async () => {
  c = await makeCast();
  const pkg = await makePackage(c.owner, { resellerVisible: true });
  customerId = (await makeCustomer(c.owner, { packageId: pkg.id }))!.id;
  await fundWallet(c.owner, c.reseller.id);
  resellerCustomerId = (await makeCustomer(c.reseller, { packageId: pkg.id }))!.id;
  invoiceId = (await createInvoice(c.owner, { customerId, lines: [{ description: "Fee", unitPrice: "100" }], issue: true })).id;
  draftId = (await createInvoice(c.owner, { customerId, lines: [{ description: "Draft fee", unitPrice: "5" }], issue: false })).id;
  paymentId = (await recordPayment(c.owner, { customerId, method: "CASH", amount: "50", idempotencyKey: randomUUID() })).payment.id;
});

const tenants = () => [c.tenantId, c.strangerTenantId];

describe("billing services refuse", () => {
  it("resellers and sub-resellers everything (no billing permission yet), even on their own customers", async () => {
    for (const actor of [c.reseller, c.subReseller]) {
      await expectRefused(() => recordPayment(actor, { customerId: resellerCustomerId, method: "CASH", amount: "10", idempotencyKey: randomUUID() }), tenants(), ["FORBIDDEN"]);
      await expectRefused(() => renewCustomer(actor, { customerId: resellerCustomerId, payWith: "CASH", idempotencyKey: randomUUID() }), tenants(), ["FORBIDDEN"]);
      await expectRefused(() => createInvoice(actor, { customerId: resellerCustomerId, lines: [{ description: "x", unitPrice: "1" }] }), tenants(), ["FORBIDDEN"]);
      await expectRefused(() => voidInvoice(actor, { invoiceId, reason: "nope" }), tenants(), ["FORBIDDEN"]);
      await expectRefused(() => cashInHand(actor), tenants(), ["FORBIDDEN"]);
    }
  });

  it("managers what only owners and admins do: invoices by hand, voids, credit notes, reversals", async () => {
    await expectRefused(() => createInvoice(c.manager, { customerId, lines: [{ description: "x", unitPrice: "1" }] }), tenants(), ["FORBIDDEN"]);
    await expectRefused(() => issueDraftInvoice(c.manager, draftId), tenants(), ["FORBIDDEN"]);
    await expectRefused(() => voidInvoice(c.manager, { invoiceId, reason: "nope" }), tenants(), ["FORBIDDEN"]);
    await expectRefused(() => creditInvoice(c.manager, { invoiceId, reason: "nope" }), tenants(), ["FORBIDDEN"]);
    await expectRefused(() => reversePayment(c.manager, { paymentId, reason: "nope" }), tenants(), ["FORBIDDEN"]);
    await expectRefused(() => setCustomerBillingTerms(c.manager, { customerId, mode: "", billingDay: "", price: "1" }), tenants(), ["FORBIDDEN"]);
    await expectRefused(() => setCustomerBillingTerms(c.reseller, { customerId: resellerCustomerId, mode: "", billingDay: "", price: "1" }), tenants(), ["FORBIDDEN"]);
  });

  it("another ISP's owner: the customer, invoice and payment do not exist for it", async () => {
    await expectRefused(() => recordPayment(c.stranger, { customerId, method: "CASH", amount: "10", idempotencyKey: randomUUID() }), tenants(), ["NOT_FOUND"]);
    await expectRefused(() => renewCustomer(c.stranger, { customerId, payWith: "CASH", idempotencyKey: randomUUID() }), tenants(), ["NOT_FOUND"]);
    await expectRefused(() => createInvoice(c.stranger, { customerId, lines: [{ description: "x", unitPrice: "1" }] }), tenants(), ["NOT_FOUND"]);
    await expectRefused(() => issueDraftInvoice(c.stranger, draftId), tenants(), ["NOT_FOUND"]);
    await expectRefused(() => voidInvoice(c.stranger, { invoiceId, reason: "nope" }), tenants(), ["NOT_FOUND"]);
    await expectRefused(() => creditInvoice(c.stranger, { invoiceId, reason: "nope" }), tenants(), ["NOT_FOUND"]);
    await expectRefused(() => reversePayment(c.stranger, { paymentId, reason: "nope" }), tenants(), ["NOT_FOUND"]);
    await expectRefused(() => setCustomerBillingTerms(c.stranger, { customerId, mode: "", billingDay: "", price: "1" }), tenants(), ["NOT_FOUND"]);
  });
});
