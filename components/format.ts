import { bpToPercentText } from "@/lib/money/percent-to-bp";
import { ROLE_LABEL } from "@/lib/operators/role-labels";

// Display helpers shared by server and client components. Formatting always names the locale
// and time zone so server and browser render the same text.

export function formatDateTime(iso: string | Date, timeZone: string, locale = "en-GB"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
}

/** 1250 bp -> "12.5%", by string arithmetic (lib/money). */
export function formatPercentBp(bp: number): string {
  return `${bpToPercentText(bp)}%`;
}

/** Money is shown through one formatter (bigint minor units, the currency's own decimals). */
export { formatMoney } from "@/lib/money/format-money";

export const ROLE_LABELS: Record<string, string> = ROLE_LABEL;

export const STATUS_LABELS: Record<string, string> = {
  ACTIVE: "Active",
  SUSPENDED: "Suspended",
  EXPIRED: "Expired",
  DISABLED: "Disabled",
  PAUSED: "Paused",
};

/** Router health and sync states, for badges only (never offered as customer statuses). */
export const ROUTER_STATE_LABELS: Record<string, string> = {
  ONLINE: "Online",
  OFFLINE: "Offline",
  UNKNOWN: "Not checked",
  IN_SYNC: "In sync",
  PENDING: "Pending",
  DRIFT: "Drift",
  ERROR: "Error",
};

export const BILLING_MODE_LABELS: Record<string, string> = { PREPAID: "Prepaid", POSTPAID: "Postpaid" };

export function statusTone(status: string): "green" | "yellow" | "red" | "neutral" {
  if (status === "ACTIVE" || status === "ONLINE" || status === "IN_SYNC") return "green";
  if (status === "SUSPENDED" || status === "EXPIRED" || status === "PENDING" || status === "DRIFT") return "yellow";
  if (status === "DISABLED" || status === "OFFLINE" || status === "ERROR") return "red";
  return "neutral";
}

export function toChoices(labels: Record<string, string>, keys?: readonly string[]) {
  return (keys ?? Object.keys(labels)).map((k) => ({ value: k, label: labels[k] ?? k }));
}

