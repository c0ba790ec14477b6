// Words and badge colours for billing states on the customer page.
import type { BadgeTone } from "@/components/ui/badge";

export { BILLING_MODE_LABELS, PAYMENT_METHOD_LABELS } from "@/lib/billing/labels";

export const MODE_FROM_LABELS: Record<string, string> = { customer: "set for this customer", package: "from the package", tenant: "your default" };

export function invoiceBadge(status: string, overdue: boolean): { label: string; tone: BadgeTone } {
  if (overdue) return { label: status === "PARTIALLY_PAID" ? "Overdue (part paid)" : "Overdue", tone: "red" };
  switch (status) {
    case "DRAFT":
      return { label: "Draft", tone: "neutral" };
    case "ISSUED":
      return { label: "Open", tone: "blue" };
    case "PARTIALLY_PAID":
      return { label: "Part paid", tone: "yellow" };
    case "PAID":
      return { label: "Paid", tone: "green" };
    case "VOID":
      return { label: "Void", tone: "neutral" };
    default:
      return { label: status, tone: "neutral" };
  }
}

const EVENT_LABELS: Record<string, string> = {
  "payment.allocate": "Credit applied to invoices",
  "payment.unallocate": "Payment taken back off invoices",
  "invoice.issue": "Invoice issued",
  "invoice.void": "Invoice voided",
  "credit_note.issue": "Credit note",
  "payment.reverse": "Payment reversed",
};

/** A statement row's words: the posting's memo ("Receipt RCT-…") or what the event was. */
export function statementText(event: string, memo: string | null): string {
  return memo || EVENT_LABELS[event] || event;
}
