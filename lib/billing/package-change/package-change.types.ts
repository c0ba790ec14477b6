// What a package change will do, in money and dates: the preview the operator confirms and the
// plan changePackage applies (recomputed under the customer's billing lock, compared by net).
import type { InvoiceLineKind } from "@/lib/db/generated/enums";
import type { InvoiceLineInput } from "../invoices/invoice-lines";

/**
 * prorate: upgrade now, unused days of the old package credited, remaining days of the new charged.
 * schedule: the new package from the period end (next_package_id), nothing charged now.
 * switch: no current paid period to prorate (expired, no period yet, prepaid daily): switched now, free.
 * extend / replace: hour-validity (hotspot) packages: keep the expiry, or a new validity from now at the new price.
 */
export type PackageChangeMode = "prorate" | "schedule" | "switch" | "extend" | "replace";

export interface PackageRef {
  id: string;
  name: string;
  priceMinor: bigint;
}

export interface PreviewLine {
  kind: InvoiceLineKind | "REFUND";
  description: string;
  /** Before tax (exclusive pricing) or as priced (inclusive); negative for credits. */
  netMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
}

export interface PackageChangeOption {
  mode: PackageChangeMode;
  summary: string;
  /** When the customer is on the new package. */
  effectiveAt: Date;
  /** The customer's expiry after the change (null: none, monthly customers). */
  expiresAt: Date | null;
  /** The period prorated, with its local-day counts. */
  period: { start: Date; end: Date; days: number; unusedDays: number } | null;
  /** The change invoice's lines as they will be issued, plus a REFUND line under the refund policy. */
  lines: PreviewLine[];
  /** The change invoice's total: what the customer owes now for the change (>= 0). */
  netMinor: bigint;
  /** Owed back to the customer as a refund (refund policy), not as credit. */
  refundMinor: bigint;
  /** Internal: the invoice lines to issue. */
  invoiceLines: InvoiceLineInput[];
}

export interface PackageChangePreview {
  customerId: string;
  from: PackageRef | null;
  to: PackageRef;
  billingMode: "PREPAID_VALIDITY" | "PREPAID_DAILY" | "MONTHLY_ADVANCE";
  direction: "UPGRADE" | "DOWNGRADE";
  policy: "CREDIT" | "REFUND";
  currency: string;
  /** The tenant's zone: dates are shown as its local dates. */
  timeZone: string;
  locale: string;
  /** One option, or two (extend, replace) for hour-validity packages: the apply names its mode. */
  options: PackageChangeOption[];
}
