// What the billing settings page shows: the tenant's settings in form text (cash rounding in
// currency units, rates as percentages), its tax rates, and the counters behind the live
// preview of the next invoice, credit note and receipt numbers.
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db";
import { minorToDecimalString } from "@/lib/money/format-money";
import { bpToPercentText } from "@/lib/money/percent-to-bp";
import { billingContext } from "../billing-context";

export type TaxRateView = { id: string; name: string; rate: string; archived: boolean };

export type BillingSettingsView = {
  currency: string;
  timeZone: string;
  /** The settings as the form's fields (all text). */
  values: Record<string, string>;
  taxRates: TaxRateView[];
  /** last_value per series and counter period ("" / "2027" / "2027-03"), for the preview. */
  counters: Record<string, Record<string, string>>;
  hasLogo: boolean;
  updatedAt: string;
};

export async function getBillingSettings(actor: OperatorActor): Promise<BillingSettingsView> {
  assertCan(actor, "billing:settings");
  return withTenant(actor.tenantId, async (tx) => {
    const ctx = await billingContext(tx, actor.tenantId);
    const s = ctx.settings;
    const rates = await tx.taxRate.findMany({ where: { tenantId: actor.tenantId }, orderBy: [{ archived: "asc" }, { name: "asc" }] });
    const counters = await tx.documentCounter.findMany({ where: { tenantId: actor.tenantId } });
    const bySeries: Record<string, Record<string, string>> = {};
    for (const c of counters) (bySeries[c.series] ??= {})[c.period] = c.lastValue.toString();
    return {
      currency: ctx.currency,
      timeZone: ctx.timeZone,
      values: {
        defaultMode: s.defaultMode,
        billingDay: s.billingDay === null ? "anniversary" : String(s.billingDay),
        dueDays: String(s.dueDays),
        graceDays: String(s.graceDays),
        autoLock: s.autoLock ? "on" : "",
        deactivateAfterDays: s.deactivateAfterDays === null ? "" : String(s.deactivateAfterDays),
        invoicePattern: s.invoicePattern,
        creditNotePattern: s.creditNotePattern,
        receiptPattern: s.receiptPattern,
        pricesIncludeTax: s.pricesIncludeTax ? "on" : "",
        defaultTaxRateId: s.defaultTaxRateId ?? "",
        cashRounding: minorToDecimalString(s.cashRoundingMinor, ctx.currency, { compactWhole: true }),
        changeCreditPolicy: s.changeCreditPolicy,
        upgradeTiming: s.upgradeTiming,
        legalName: s.legalName ?? "",
        legalAddress: s.legalAddress ?? "",
        taxId: s.taxId ?? "",
        phone: s.phone ?? "",
        email: s.email ?? "",
        invoiceFooter: s.invoiceFooter ?? "",
      },
      taxRates: rates.map((r) => ({ id: r.id, name: r.name, rate: bpToPercentText(r.rateBp), archived: r.archived })),
      counters: bySeries,
      hasLogo: s.logo !== null,
      updatedAt: s.updatedAt.toISOString(),
    };
  });
}

/** The stored logo's bytes and type, for the settings page's preview; null when there is none. */
export async function getBillingLogo(actor: OperatorActor): Promise<{ bytes: Uint8Array; mime: string } | null> {
  assertCan(actor, "billing:settings");
  const row = await withTenant(actor.tenantId, (tx) => tx.billingSettings.findUnique({ where: { tenantId: actor.tenantId }, select: { logo: true, logoMime: true } }));
  return row?.logo && row.logoMime ? { bytes: row.logo, mime: row.logoMime } : null;
}
