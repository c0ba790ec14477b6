// Who may list and export invoices and payments: staff with billing:view. A reseller is refused;
// the owner of another ISP sees none of this ISP's rows.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { expectRefused, makeCast } from "@/lib/testing/authz";
import { makeCustomer } from "@/lib/testing/factories";
import { createInvoice } from "../invoices/invoice-services";
import { recordPayment } from "../payments/payment-services";
import { parseBillingListQuery } from "./billing-list-query";
import { exportInvoices, INVOICE_ID_FILTERS, INVOICE_LIST_SPEC, listInvoices } from "./list-invoices";
import { exportPayments, listPayments, PAYMENT_ID_FILTERS, PAYMENT_LIST_SPEC } from "./list-payments";
import { listBillingFilterChoices } from "./list-filter-choices";

describe("billing list refusals", () => {
  it("resellers cannot list or export; a stranger sees nothing of ours", async () => {
    const c = await makeCast();
    const customer = (await makeCustomer(c.reseller))!;
    await createInvoice(c.owner, { customerId: customer.id, lines: [{ description: "Fee", unitPrice: "10", kind: "ONE_TIME" }], issue: true });
    await recordPayment(c.owner, { customerId: customer.id, method: "CASH", amount: "10", idempotencyKey: randomUUID() });
    const iq = parseBillingListQuery({}, INVOICE_LIST_SPEC, INVOICE_ID_FILTERS);
    const pq = parseBillingListQuery({}, PAYMENT_LIST_SPEC, PAYMENT_ID_FILTERS);
    const tenants = [c.tenantId];
    for (const actor of [c.reseller, c.subReseller]) {
      await expectRefused(() => listInvoices(actor, iq), tenants, ["FORBIDDEN"]);
      await expectRefused(() => exportInvoices(actor, iq, "xlsx"), tenants, ["FORBIDDEN"]);
      await expectRefused(() => listPayments(actor, pq), tenants, ["FORBIDDEN"]);
      await expectRefused(() => exportPayments(actor, pq, "csv"), tenants, ["FORBIDDEN"]);
      await expectRefused(() => listBillingFilterChoices(actor), tenants, ["FORBIDDEN"]);
    }
    expect((await listInvoices(c.manager, iq)).total).toBe(1);
    expect((await listInvoices(c.stranger, iq)).total).toBe(0);
    expect((await listPayments(c.stranger, pq)).total).toBe(0);
    // Filtering by our reseller's id from the other ISP still finds nothing.
    const byOurReseller = parseBillingListQuery({ reseller: c.reseller.id }, INVOICE_LIST_SPEC, INVOICE_ID_FILTERS);
    expect((await listInvoices(c.stranger, byOurReseller)).total).toBe(0);
    expect((await exportPayments(c.stranger, pq, "csv")).body.toString("utf8").trim().split("\r\n")).toHaveLength(1);
  });
});
