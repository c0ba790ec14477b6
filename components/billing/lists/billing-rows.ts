// The lists' rows as the browser gets them: amounts already formatted by lib/money on the server
// (bigints never cross into client code), dates as ISO text for the tenant's zone.
import { formatMoney } from "@/lib/money/format-money";

export { INVOICE_STATUS_LABELS, PAYMENT_METHOD_LABELS } from "@/lib/billing/labels";
import type { InvoiceListRow } from "@/lib/billing/lists/list-invoices";
import type { PaymentListRow } from "@/lib/billing/lists/list-payments";

export type InvoiceTableRow = {
  id: string;
  kind: string;
  status: string;
  number: string | null;
  customerId: string;
  customerName: string;
  customerUsername: string;
  issuedAt: string | null;
  dueAt: string | null;
  total: string;
  paid: string;
  balance: string;
  owes: boolean;
};

export type PaymentTableRow = {
  id: string;
  receiptNumber: string;
  receivedAt: string;
  customerId: string;
  customerName: string;
  customerUsername: string;
  method: string;
  status: string;
  amount: string;
  reference: string | null;
  collectorName: string | null;
};

export function invoiceTableRow(r: InvoiceListRow, locale: string): InvoiceTableRow {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    number: r.number,
    customerId: r.customerId,
    customerName: r.customerName,
    customerUsername: r.customerUsername,
    issuedAt: r.issuedAt?.toISOString() ?? null,
    dueAt: r.dueAt?.toISOString() ?? null,
    total: formatMoney(r.kind === "CREDIT_NOTE" ? -r.totalMinor : r.totalMinor, r.currency, locale),
    paid: formatMoney(r.paidMinor, r.currency, locale),
    balance: formatMoney(r.balanceMinor, r.currency, locale),
    owes: r.balanceMinor > 0n,
  };
}

export function paymentTableRow(r: PaymentListRow, locale: string): PaymentTableRow {
  return {
    id: r.id,
    receiptNumber: r.receiptNumber,
    receivedAt: r.receivedAt.toISOString(),
    customerId: r.customerId,
    customerName: r.customerName,
    customerUsername: r.customerUsername,
    method: r.method,
    status: r.status,
    amount: formatMoney(r.amountMinor, r.currency, locale),
    reference: r.reference,
    collectorName: r.collectorName,
  };
}

export const INVOICE_KIND_LABELS: Record<string, string> = { INVOICE: "Invoice", CREDIT_NOTE: "Credit note" };
export const PAYMENT_STATUS_LABELS: Record<string, string> = { RECEIVED: "Received", REVERSED: "Reversed" };
