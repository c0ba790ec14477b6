// The preview as the dialog shows it: plain JSON (amounts as minor-unit strings and formatted text,
// dates as the tenant's local dates), so it crosses the server-action boundary without bigint or Date.
import { formatMoney } from "@/lib/money/format-money";
import { moneyToJson } from "@/lib/money/json";
import { localDate } from "../calc/cycle";
import type { PackageChangeMode, PackageChangePreview } from "./package-change.types";

export interface PackageChangeOptionView {
  mode: PackageChangeMode;
  summary: string;
  effectiveDate: string;
  expiresDate: string | null;
  period: { from: string; to: string; days: number; unusedDays: number } | null;
  lines: { kind: string; description: string; tax: string; total: string }[];
  /** Posted back as expectedNetMinor. */
  netMinor: string;
  net: string;
  refund: string | null;
}

export interface PackageChangePreviewView {
  from: string | null;
  to: string;
  direction: "UPGRADE" | "DOWNGRADE";
  policy: "CREDIT" | "REFUND";
  options: PackageChangeOptionView[];
}

export function previewView(p: PackageChangePreview): PackageChangePreviewView {
  const money = (minor: bigint) => formatMoney(minor, p.currency, p.locale);
  const day = (d: Date) => localDate(d, p.timeZone);
  return {
    from: p.from?.name ?? null,
    to: p.to.name,
    direction: p.direction,
    policy: p.policy,
    options: p.options.map((o) => ({
      mode: o.mode,
      summary: o.summary,
      effectiveDate: day(o.effectiveAt),
      expiresDate: o.expiresAt ? day(o.expiresAt) : null,
      period: o.period ? { from: day(o.period.start), to: day(new Date(o.period.end.getTime() - 1)), days: o.period.days, unusedDays: o.period.unusedDays } : null,
      lines: o.lines.map((l) => ({ kind: l.kind, description: l.description, tax: money(l.taxMinor), total: money(l.totalMinor) })),
      netMinor: moneyToJson(o.netMinor),
      net: money(o.netMinor),
      refund: o.refundMinor > 0n ? money(o.refundMinor) : null,
    })),
  };
}
