// The customer's invoices, payments and statement as small tables (the billing lists, with
// filters and exports, show every customer's). Amounts come formatted from the bigint.
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PlainTable } from "@/components/ui/plain-table";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/components/format";
import { formatMoney } from "@/lib/money/format-money";
import type { CustomerBillingInvoice, CustomerBillingPayment } from "@/lib/billing/statements/customer-billing";
import type { CustomerStatement } from "@/lib/billing/statements/customer-statement";
import { invoiceBadge, PAYMENT_METHOD_LABELS, statementText } from "./billing-labels";
import { InvoiceRowActions, ReversePaymentButton } from "./row-actions";

type Fmt = { currency: string; locale: string; timeZone: string };

const cell = "px-3 py-2 align-top";
const num = "px-3 py-2 text-right align-top tabular-nums whitespace-nowrap";
const link = "font-medium text-indigo-700 hover:underline";

function day(at: Date | null, timeZone: string): string {
  return at ? new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone }).format(at) : "—";
}

export function InvoicesTable({ rows, fmt, manage }: { rows: CustomerBillingInvoice[]; fmt: Fmt; manage: boolean }) {
  if (!rows.length) return <EmptyState title="No invoices yet" description="Invoices appear here when the customer is billed, renewed or invoiced by hand." />;
  const money = (m: bigint) => formatMoney(m, fmt.currency, fmt.locale);
  return (
    <PlainTable label="Invoices" columns={[{ label: "Number" }, { label: "Date" }, { label: "Due" }, { label: "Total", align: "right" }, { label: "Paid", align: "right" }, { label: "Status" }, { label: "" }]}>
      {rows.map((i) => {
        const badge = invoiceBadge(i.status, i.overdue);
        const name = i.number ?? "Draft";
        const open = i.kind === "INVOICE" && (i.status === "ISSUED" || i.status === "PARTIALLY_PAID" || i.status === "PAID");
        return (
          <tr key={i.id} data-testid="invoice-row">
            <td className={cell}>
              <a href={`/api/billing/invoices/${i.id}/pdf`} target="_blank" rel="noopener" className={cn(link, "whitespace-nowrap")} title="Open the PDF">
                {name}
              </a>
              {i.kind === "CREDIT_NOTE" && <p className="text-xs text-gray-500">Credit note{i.creditedInvoiceNumber ? ` for ${i.creditedInvoiceNumber}` : ""}</p>}
            </td>
            <td className={cn(cell, "whitespace-nowrap")}>{day(i.issuedAt ?? i.createdAt, fmt.timeZone)}</td>
            <td className={cn(cell, "whitespace-nowrap")}>{i.kind === "INVOICE" ? day(i.dueAt, fmt.timeZone) : "—"}</td>
            <td className={num}>{money(i.totalMinor)}</td>
            <td className={num}>{i.kind === "INVOICE" ? money(i.paidMinor) : "—"}</td>
            <td className={cell}>
              <Badge tone={badge.tone}>{badge.label}</Badge>
            </td>
            <td className={cn(cell, "text-right")}>
              {manage && open && i.number && (
                <InvoiceRowActions
                  invoiceId={i.id}
                  number={i.number}
                  canVoid={!i.hasCreditNotes}
                  canCredit={i.creditableMinor > 0n}
                  openText={money(i.creditableMinor)}
                  currency={fmt.currency}
                />
              )}
            </td>
          </tr>
        );
      })}
    </PlainTable>
  );
}

export function PaymentsTable({ rows, fmt, manage }: { rows: CustomerBillingPayment[]; fmt: Fmt; manage: boolean }) {
  if (!rows.length) return <EmptyState title="No payments yet" description="Record a payment or renew the customer to take money." />;
  return (
    <PlainTable label="Payments" columns={[{ label: "Receipt" }, { label: "Date" }, { label: "Method" }, { label: "Amount", align: "right" }, { label: "Collector" }, { label: "Status" }, { label: "" }]}>
      {rows.map((p) => (
        <tr key={p.id} data-testid="payment-row">
          <td className={cell}>
            <a href={`/api/billing/payments/${p.id}/receipt`} target="_blank" rel="noopener" className={cn(link, "whitespace-nowrap")} title="Open the receipt (A5)">
              {p.receiptNumber}
            </a>
            <a href={`/api/billing/payments/${p.id}/receipt?format=thermal80`} target="_blank" rel="noopener" className="block text-xs text-gray-500 hover:underline">
              80 mm slip
            </a>
          </td>
          <td className={cn(cell, "whitespace-nowrap")}>{formatDateTime(p.receivedAt, fmt.timeZone)}</td>
          <td className={cell}>
            {PAYMENT_METHOD_LABELS[p.method] ?? p.method}
            {p.reference && <p className="text-xs break-all text-gray-500">{p.reference}</p>}
          </td>
          <td className={num}>{formatMoney(p.amountMinor, fmt.currency, fmt.locale)}</td>
          <td className={cell}>{p.collectorName ?? "—"}</td>
          <td className={cell}>
            {p.status === "REVERSED" ? (
              <>
                <Badge tone="red">Reversed</Badge>
                {p.reversalReason && <p className="mt-1 max-w-48 text-xs text-gray-500">{p.reversalReason}</p>}
              </>
            ) : (
              <Badge tone="green">Received</Badge>
            )}
          </td>
          <td className={cn(cell, "text-right")}>{manage && p.status === "RECEIVED" && <ReversePaymentButton paymentId={p.id} receipt={p.receiptNumber} />}</td>
        </tr>
      ))}
    </PlainTable>
  );
}

function signed(m: bigint, fmt: Fmt): string {
  if (m === 0n) return "";
  return `${m > 0n ? "+" : "−"}${formatMoney(m > 0n ? m : -m, fmt.currency, fmt.locale)}`;
}

/** Owed (positive) or in credit (negative), in words a customer understands. */
export function balanceWords(m: bigint, fmt: Fmt): string {
  if (m === 0n) return formatMoney(0n, fmt.currency, fmt.locale);
  return m > 0n ? formatMoney(m, fmt.currency, fmt.locale) : `${formatMoney(-m, fmt.currency, fmt.locale)} credit`;
}

export function StatementTable({ statement, fmt }: { statement: CustomerStatement; fmt: Fmt }) {
  if (!statement.rows.length) return <EmptyState title="No movements yet" description="Every charge, payment and credit will be listed here with the running balance." />;
  return (
    <div className="space-y-2">
      <p className="text-xs text-gray-500">
        Oldest first. “Invoices” is what issued invoices ask for; “Credit” is money held for the customer; the balance is what they owe (or their credit).
        {statement.omitted > 0 && ` ${statement.omitted} older movements are summed into the opening balance.`}
      </p>
      <PlainTable label="Statement" columns={[{ label: "Date" }, { label: "Movement" }, { label: "Invoices", align: "right" }, { label: "Credit", align: "right" }, { label: "Balance", align: "right" }]}>
        {statement.omitted > 0 && (
          <tr>
            <td className={cell} />
            <td className={cell}>Opening balance</td>
            <td className={num} />
            <td className={num} />
            <td className={num}>{balanceWords(statement.openingMinor, fmt)}</td>
          </tr>
        )}
        {statement.rows.map((r) => (
          <tr key={r.transactionId} data-testid="statement-row">
            <td className={cn(cell, "whitespace-nowrap")}>{formatDateTime(r.at, fmt.timeZone)}</td>
            <td className={cell}>{statementText(r.event, r.memo)}</td>
            <td className={num}>{signed(r.receivableMinor, fmt)}</td>
            <td className={num}>{signed(r.creditMinor, fmt)}</td>
            <td className={cn(num, "font-medium", r.balanceMinor < 0n && "text-green-700")}>{balanceWords(r.balanceMinor, fmt)}</td>
          </tr>
        ))}
      </PlainTable>
    </div>
  );
}
