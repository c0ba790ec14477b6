// The invoice and payment lists against PostgreSQL: filters (status, kind, local dates, search,
// reseller, package, collector), sorting with a stable order, and exports whose files hold every
// filtered row with exact amounts.
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { makeCustomer, makeOperator, makeTenant } from "@/lib/testing/factories";
import { createInvoice, creditInvoice } from "../invoices/invoice-services";
import { recordPayment, reversePayment } from "../payments/payment-services";
import { localDate } from "../calc/cycle";
import { parseBillingListQuery, type BillingListQuery } from "./billing-list-query";
import { exportInvoices, INVOICE_ID_FILTERS, INVOICE_LIST_SPEC, listInvoices } from "./list-invoices";
import { exportPayments, listPayments, PAYMENT_ID_FILTERS, PAYMENT_LIST_SPEC } from "./list-payments";

const invoicesQuery = (params: Record<string, string> = {}): BillingListQuery => parseBillingListQuery(params, INVOICE_LIST_SPEC, INVOICE_ID_FILTERS);
const paymentsQuery = (params: Record<string, string> = {}): BillingListQuery => parseBillingListQuery(params, PAYMENT_LIST_SPEC, PAYMENT_ID_FILTERS);

async function shop() {
  const t = await makeTenant();
  const reseller = await makeOperator(t.owner, "RESELLER");
  const sub = await makeOperator(reseller.actor, "SUB_RESELLER");
  const mine = (await makeCustomer(t.owner, { name: "Amina Direct" }))!;
  const viaSub = (await makeCustomer(sub.actor, { name: "Baraka ViaSub" }))!;
  const fee = (customerId: string, price: string, issue = true) =>
    createInvoice(t.owner, { customerId, lines: [{ description: "Installation", unitPrice: price, kind: "ONE_TIME" }], issue });
  return { t, owner: t.owner, reseller, sub, mine, viaSub, fee };
}

describe("the invoice list", () => {
  it("filters by status, kind, search, reseller subtree and issue day in the tenant's zone", async () => {
    const s = await shop();
    const a = await s.fee(s.mine.id, "1000");
    const b = await s.fee(s.viaSub.id, "250.50");
    await s.fee(s.mine.id, "10", false);
    await recordPayment(s.owner, { customerId: s.mine.id, method: "CASH", amount: "400", idempotencyKey: randomUUID() });
    const cn = await creditInvoice(s.owner, { invoiceId: b.id, amount: "50", reason: "Outage credit" });

    const all = await listInvoices(s.owner, invoicesQuery());
    expect(all.total).toBe(4);
    const byId = new Map(all.rows.map((r) => [r.id, r]));
    expect(byId.get(a.id)).toMatchObject({ status: "PARTIALLY_PAID", totalMinor: 1000_00n, paidMinor: 400_00n, balanceMinor: 600_00n, customerName: "Amina Direct", ownerName: null });

    expect((await listInvoices(s.owner, invoicesQuery({ status: "DRAFT" }))).rows.map((r) => r.number)).toEqual([null]);
    expect((await listInvoices(s.owner, invoicesQuery({ kind: "CREDIT_NOTE" }))).rows.map((r) => r.id)).toEqual([cn.id]);
    expect((await listInvoices(s.owner, invoicesQuery({ q: "baraka" }))).total).toBe(2);
    expect((await listInvoices(s.owner, invoicesQuery({ q: a.number! }))).rows.map((r) => r.id)).toEqual([a.id]);
    // The reseller filter covers its sub-resellers' customers.
    expect((await listInvoices(s.owner, invoicesQuery({ reseller: s.reseller.id }))).total).toBe(2);
    expect((await listInvoices(s.owner, invoicesQuery({ reseller: s.sub.id }))).total).toBe(2);

    const today = localDate(new Date(), "Africa/Nairobi");
    expect((await listInvoices(s.owner, invoicesQuery({ from: today, to: today }))).total).toBe(3); // the draft has no issue day
    expect((await listInvoices(s.owner, invoicesQuery({ from: "2001-01-01", to: "2001-12-31" }))).total).toBe(0);
    // Hostile or malformed parameters are ignored, never an error.
    expect((await listInvoices(s.owner, invoicesQuery({ status: "PAID' OR 1=1 --", reseller: "x", from: "2027-02-30", q: "%_\\" }))).total).toBe(0);
    expect((await listInvoices(s.owner, invoicesQuery({ status: "PAID' OR 1=1 --", reseller: "x", from: "2027-02-30" }))).total).toBe(4);
  });

  it("sorts by balance and pages with a stable order", async () => {
    const s = await shop();
    for (const price of ["30", "10", "20"]) await s.fee(s.mine.id, price);
    const asc = await listInvoices(s.owner, invoicesQuery({ sort: "balance", dir: "asc", pageSize: "10" }));
    expect(asc.rows.map((r) => r.balanceMinor)).toEqual([10_00n, 20_00n, 30_00n]);
    const desc = await listInvoices(s.owner, invoicesQuery({ sort: "total", dir: "desc" }));
    expect(desc.rows.map((r) => r.totalMinor)).toEqual([30_00n, 20_00n, 10_00n]);
  });

  it("exports the filtered list as CSV and XLSX with exact amounts and the legal name in the file name", async () => {
    const s = await shop();
    await withTenant(s.t.tenantId, (tx) => tx.billingSettings.update({ where: { tenantId: s.t.tenantId }, data: { legalName: "Amani Net Ltd" } }));
    await s.fee(s.mine.id, "1234567.89");
    await s.fee(s.viaSub.id, "5");
    const csv = await exportInvoices(s.owner, invoicesQuery({ q: "amina" }), "csv");
    expect(csv.fileName).toMatch(/^Amani-Net-Ltd-invoices-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = csv.body.toString("utf8");
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(2);
    expect(text).toContain("1234567.89");
    expect(text).not.toContain("Baraka");

    const xlsx = await exportInvoices(s.owner, invoicesQuery(), "xlsx");
    expect(xlsx.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    const totals = [2, 3].map((r) => String(sheet.getRow(r).getCell(10).value));
    expect(totals.sort()).toEqual(["1234567.89", "5"]);
  });
});

describe("the payment list", () => {
  it("filters by method, status, collector and reseller, and exports", async () => {
    const s = await shop();
    const manager = await makeOperator(s.owner, "MANAGER");
    await s.fee(s.mine.id, "100");
    await recordPayment(s.owner, { customerId: s.mine.id, method: "CASH", amount: "100", idempotencyKey: randomUUID() });
    const bank = await recordPayment(manager.actor, { customerId: s.viaSub.id, method: "BANK_TRANSFER", amount: "70.25", reference: "=HYPERLINK(\"x\")", idempotencyKey: randomUUID() });
    await reversePayment(s.owner, { paymentId: bank.payment.id, reason: "Bounced transfer" });

    expect((await listPayments(s.owner, paymentsQuery())).total).toBe(2);
    expect((await listPayments(s.owner, paymentsQuery({ method: "CASH" }))).rows.map((r) => r.collectorName)).toEqual(["Owner Person"]);
    expect((await listPayments(s.owner, paymentsQuery({ status: "REVERSED" }))).rows.map((r) => r.amountMinor)).toEqual([70_25n]);
    expect((await listPayments(s.owner, paymentsQuery({ collector: manager.id }))).rows.map((r) => r.id)).toEqual([bank.payment.id]);
    expect((await listPayments(s.owner, paymentsQuery({ reseller: s.reseller.id }))).rows.map((r) => r.id)).toEqual([bank.payment.id]);
    expect((await listPayments(s.owner, paymentsQuery({ q: bank.payment.receiptNumber }))).total).toBe(1);

    const csv = (await exportPayments(s.owner, paymentsQuery({ sort: "amount", dir: "asc" }), "csv")).body.toString("utf8");
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("70.25");
    // A reference that would run as a formula in a spreadsheet is neutralised.
    expect(lines[1]).toContain("'=HYPERLINK");
  });
});
