// The dashboard's money tiles: today's collections (reversed payments left out), open
// receivables, and customers whose service ends within 7 days; billing:view only.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { createInvoice } from "@/lib/billing/invoices/invoice-services";
import { recordPayment, reversePayment } from "@/lib/billing/payments/payment-services";
import { expectRefused } from "@/lib/testing/authz";
import { makeCustomer, makeOperator, makeTenant } from "@/lib/testing/factories";
import { getBillingTiles } from "./get-dashboard-counts";

describe("dashboard money tiles", () => {
  it("adds today's payments, open balances and customers expiring this week", async () => {
    const t = await makeTenant();
    const a = (await makeCustomer(t.owner))!;
    const b = (await makeCustomer(t.owner))!;
    const fee = (customerId: string, unitPrice: string) => createInvoice(t.owner, { customerId, lines: [{ description: "Fee", unitPrice, kind: "ONE_TIME" }], issue: true });
    await fee(a.id, "1000");
    await fee(b.id, "300.25");
    await recordPayment(t.owner, { customerId: a.id, method: "CASH", amount: "400", idempotencyKey: randomUUID() });
    const bounced = await recordPayment(t.owner, { customerId: b.id, method: "BANK_TRANSFER", amount: "100", idempotencyKey: randomUUID() });
    await reversePayment(t.owner, { paymentId: bounced.payment.id, reason: "Bounced" });
    const soon = new Date(Date.now() + 3 * 86_400_000);
    const later = new Date(Date.now() + 30 * 86_400_000);
    await withTenant(t.tenantId, async (tx) => {
      await tx.customer.update({ where: { id: a.id }, data: { expiresAt: soon } });
      await tx.customer.update({ where: { id: b.id }, data: { expiresAt: later } });
    });
    expect(await getBillingTiles(t.owner)).toEqual({ currency: "KES", collectedTodayMinor: 400_00n, paymentsToday: 1, outstandingMinor: 600_00n + 300_25n, openInvoices: 2, expiringIn7Days: 1 });
    const reseller = await makeOperator(t.owner, "RESELLER");
    await expectRefused(() => getBillingTiles(reseller.actor), [t.tenantId], ["FORBIDDEN"]);
  });
});
