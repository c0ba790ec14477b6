import { Badge, type BadgeTone } from "@/components/ui/badge";
import { INVOICE_STATUS_LABELS, PAYMENT_STATUS_LABELS } from "./billing-rows";

const TONES: Record<string, BadgeTone> = { DRAFT: "neutral", ISSUED: "blue", PARTIALLY_PAID: "yellow", PAID: "green", VOID: "neutral", RECEIVED: "green", REVERSED: "red" };

/** An invoice's or payment's state as a coloured badge with its word (never colour alone). */
export function MoneyStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? "neutral"}>{INVOICE_STATUS_LABELS[status] ?? PAYMENT_STATUS_LABELS[status] ?? status}</Badge>;
}
