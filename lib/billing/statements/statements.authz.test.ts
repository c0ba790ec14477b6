// Who may read a customer's money: staff with billing:view, for customers of their ISP. Resellers
// hold no billing permission yet (even for their own customers), and another ISP's owner finds
// nothing. Reads change nothing, refused or not.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { expectRefused, makeCast, type Cast } from "@/lib/testing/authz";
import { makeCustomer, makePackage, fundWallet } from "@/lib/testing/factories";
import { createInvoice } from "../invoices/invoice-services";
import { recordPayment } from "../payments/payment-services";
import { getCustomerBilling } from "./customer-billing";
import { getCustomerStatement } from "./customer-statement";
import { getInvoiceDocument } from "./invoice-document";
import { getReceiptDocument } from "./receipt-document";

let c: Cast;
let customerId: string;
let resellerCustomerId: string;
let invoiceId: string;
let paymentId: string;
beforeAll(async () => {
  c = await makeCast();
  const pkg = await makePackage(c.owner, { resellerVisible: true });
  customerId = (await makeCustomer(c.owner, { packageId: pkg.id }))!.id;
  await fundWallet(c.owner, c.reseller.id);
  resellerCustomerId = (await makeCustomer(c.reseller, { packageId: pkg.id }))!.id;
  invoiceId = (await createInvoice(c.owner, { customerId, lines: [{ description: "Fee", unitPrice: "100" }], issue: true })).id;
  paymentId = (await recordPayment(c.owner, { customerId, method: "CASH", amount: "50", idempotencyKey: randomUUID() })).payment.id;
});

const tenants = () => [c.tenantId, c.strangerTenantId];
const reads = (customer: string) => [
  (actor: Cast["owner"]) => getCustomerBilling(actor, customer),
  (actor: Cast["owner"]) => getCustomerStatement(actor, customer),
];

describe("customer billing reads refuse", () => {
  it("a reseller outside the customer's subtree, and resellers on their own customers (no billing:view yet)", async () => {
    for (const read of reads(customerId)) await expectRefused(() => read(c.otherReseller), tenants());
    for (const read of reads(resellerCustomerId)) {
      await expectRefused(() => read(c.otherReseller), tenants());
      await expectRefused(() => read(c.reseller), tenants(), ["FORBIDDEN"]);
      await expectRefused(() => read(c.subReseller), tenants(), ["FORBIDDEN"]);
    }
    await expectRefused(() => getInvoiceDocument(c.otherReseller, invoiceId), tenants());
    await expectRefused(() => getReceiptDocument(c.otherReseller, paymentId), tenants());
  });

  it("another ISP's owner: the customer, invoice and payment do not exist for it", async () => {
    for (const read of reads(customerId)) await expectRefused(() => read(c.stranger), tenants(), ["NOT_FOUND"]);
    await expectRefused(() => getInvoiceDocument(c.stranger, invoiceId), tenants(), ["NOT_FOUND"]);
    await expectRefused(() => getReceiptDocument(c.stranger, paymentId), tenants(), ["NOT_FOUND"]);
  });

  it("ids that are not UUIDs are not found", async () => {
    await expectRefused(() => getCustomerBilling(c.owner, "x"), tenants(), ["NOT_FOUND"]);
    await expectRefused(() => getInvoiceDocument(c.owner, "1 OR 1=1"), tenants(), ["NOT_FOUND"]);
  });

  it("lets a manager (billing:view) read, without changing anything", async () => {
    const view = await getCustomerBilling(c.manager, customerId);
    expect(view.invoices.map((i) => i.id)).toContain(invoiceId);
    expect((await getReceiptDocument(c.manager, paymentId)).document.amountMinor).toBe(50_00n);
  });
});
