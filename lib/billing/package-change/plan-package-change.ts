// Works out what a package change does, without writing: which mode applies (tenant policy, the
// customer's billing mode, the packages' validity), the proration lines, their tax, and the net to
// pay now. The preview shows it; changePackage recomputes it under the billing lock and applies it.
//
// Credit policy: the old package's unused days are a CREDIT line netted on the change invoice, not
// a credit note on the invoice that paid the period. One document says the whole change (credit,
// charge, net), the period may have no invoice to credit (imported, opening balance, a renewal that
// is still unpaid), and an upgrade's charge always covers its credit, so the total stays >= 0. Under
// the refund policy the invoice charges the new days in full and the credit goes to refunds_payable
// (a REFUND preview line, posted on apply) — unless the customer still owes money, when there is
// nothing paid to give back and the credit is netted as under the credit policy.
import type { Tx } from "@/lib/db";
import type { Customer, Package } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { localDate, localDaysBetween } from "../calc/cycle";
import { packageChangeQuote } from "../calc/proration";
import { extendValidity } from "../calc/validity";
import type { BillingContext } from "../billing-context";
import { computeInvoice, defaultTaxRateBp, type InvoiceLineInput } from "../invoices/invoice-lines";
import { openBalance } from "../payments/allocate-credit";
import { customerTerms } from "../terms";
import { currentPeriod } from "./current-period";
import type { PackageChangeOption, PackageChangePreview, PreviewLine } from "./package-change.types";

export interface PlanInput {
  customer: Customer;
  oldPkg: Package | null;
  newPkg: Package;
  now: Date;
}

export async function planPackageChangeTx(tx: Tx, ctx: BillingContext, input: PlanInput): Promise<PackageChangePreview> {
  const { customer, oldPkg, newPkg, now } = input;
  if (customer.packageId === newPkg.id) throw new AppError("VALIDATION", { userMessage: "The customer is already on this package.", fieldErrors: { packageId: ["Choose another package."] } });
  if (newPkg.status !== "ACTIVE") throw new AppError("VALIDATION", { userMessage: `The package "${newPkg.name}" is archived.`, fieldErrors: { packageId: ["Choose an active package."] } });
  if (newPkg.currency !== ctx.currency) throw new AppError("VALIDATION", { userMessage: "The package is priced in another currency than the ISP bills in.", fieldErrors: { packageId: ["Another currency."] } });
  if (customer.status === "DISABLED") throw new AppError("CONFLICT", { userMessage: "A disabled customer's package cannot be changed: activate it first." });

  const terms = await customerTerms(tx, ctx, customer.id, oldPkg);
  const oldPrice = oldPkg ? terms.priceMinor : 0n;
  const newPrice = terms.complimentary ? 0n : newPkg.priceMinor;
  const direction = newPrice > oldPrice ? "UPGRADE" : "DOWNGRADE";
  const policy = ctx.settings.changeCreditPolicy === "REFUND" ? "REFUND" : "CREDIT";
  const rateBp = await defaultTaxRateBp(tx, ctx);
  const base = { customerId: customer.id, from: oldPkg ? { id: oldPkg.id, name: oldPkg.name, priceMinor: oldPrice } : null, to: { id: newPkg.id, name: newPkg.name, priceMinor: newPrice }, billingMode: terms.mode, direction, policy, currency: ctx.currency, timeZone: ctx.timeZone, locale: ctx.locale } as const;
  const day = (d: Date) => localDate(d, ctx.timeZone);
  const free = (mode: PackageChangeOption["mode"], summary: string, effectiveAt: Date, expiresAt: Date | null): PackageChangeOption => ({ mode, summary, effectiveAt, expiresAt, period: null, lines: [], netMinor: 0n, refundMinor: 0n, invoiceLines: [] });
  const priced = (option: Omit<PackageChangeOption, "lines" | "netMinor" | "invoiceLines">, invoiceLines: InvoiceLineInput[], refund: InvoiceLineInput | null): PackageChangeOption => {
    const kept = invoiceLines.filter((l) => l.unitPriceMinor !== 0n);
    const computed = kept.length ? computeInvoice(kept, ctx, rateBp) : null;
    const lines: PreviewLine[] = (computed?.lines ?? []).map((l) => ({ kind: l.kind, description: l.description, netMinor: l.netMinor, taxMinor: l.taxMinor, totalMinor: l.totalMinor }));
    let refundMinor = 0n;
    if (refund && refund.unitPriceMinor !== 0n) {
      const r = computeInvoice([refund], ctx, rateBp).lines[0]!;
      refundMinor = -r.totalMinor;
      lines.push({ kind: "REFUND", description: r.description, netMinor: r.netMinor, taxMinor: r.taxMinor, totalMinor: r.totalMinor });
    }
    return { ...option, lines, netMinor: computed?.totalMinor ?? 0n, refundMinor, invoiceLines: kept };
  };

  // Hour validity (hotspot passes): not prorated; keep the expiry or start a new validity now.
  if (terms.mode === "PREPAID_VALIDITY" && (newPkg.validityUnit === "HOUR" || oldPkg?.validityUnit === "HOUR")) {
    const end = extendValidity(now, newPkg.validityValue, newPkg.validityUnit, ctx.timeZone);
    const expiry = customer.expiresAt;
    const extend = free("extend", expiry && expiry > now ? `Switch to ${newPkg.name} now and keep the expiry; nothing to pay.` : `Switch to ${newPkg.name} now; the customer has no validity left, nothing to pay.`, now, expiry);
    const replace = priced(
      { mode: "replace", summary: `Start a new ${newPkg.name} validity now, until ${day(end)}, at its price; the remaining validity of ${oldPkg?.name ?? "the old package"} is dropped.`, effectiveAt: now, expiresAt: end, period: { start: now, end, days: localDaysBetween(now, end, ctx.timeZone), unusedDays: 0 }, refundMinor: 0n },
      [{ kind: "PERIOD", description: `${newPkg.name}: ${day(now)} to ${day(end)}`, unitPriceMinor: newPrice, packageId: newPkg.id, periodStart: now, periodEnd: end }],
      null,
    );
    return { ...base, options: [extend, replace] };
  }

  const period = oldPkg ? await currentPeriod(tx, ctx, customer, oldPkg, terms, now) : null;
  if (!period) {
    const why = terms.mode === "PREPAID_DAILY" ? "daily charges follow the new package" : "there is no paid period to prorate";
    return { ...base, options: [free("switch", `Switch to ${newPkg.name} now; ${why}, nothing to pay now.`, now, customer.expiresAt)] };
  }
  if (direction === "DOWNGRADE" || ctx.settings.upgradeTiming === "NEXT_PERIOD") {
    const at = terms.mode === "MONTHLY_ADVANCE" ? "the period end" : "expiry";
    return { ...base, options: [free("schedule", `${newPkg.name} from ${at} (${day(period.end)}); nothing to pay now, ${at === "expiry" ? "renewals" : "bills"} then use it.`, period.end, customer.expiresAt)] };
  }

  const quote = packageChangeQuote({ oldPriceMinor: oldPrice, newPriceMinor: newPrice, period, at: now, timeZone: ctx.timeZone });
  const span = `${day(now)} to ${day(new Date(period.end.getTime() - 1))}, ${quote.unusedDays} of ${quote.periodDays} days`;
  const credit: InvoiceLineInput = { kind: "CREDIT", description: `Unused ${oldPkg!.name}: ${span}`, unitPriceMinor: -quote.creditMinor, packageId: oldPkg!.id, periodStart: now, periodEnd: period.end };
  const charge: InvoiceLineInput = { kind: "PRORATION", description: `${newPkg.name}: ${span}`, unitPriceMinor: quote.chargeMinor, packageId: newPkg.id, periodStart: now, periodEnd: period.end };
  const refund = policy === "REFUND" && (await openBalance(tx, ctx, customer.id)) <= 0n;
  return {
    ...base,
    options: [
      priced(
        { mode: "prorate", summary: `${newPkg.name} now: the unused days of ${oldPkg!.name} are ${refund ? "refunded" : "credited"}, the remaining days of ${newPkg.name} charged.`, effectiveAt: now, expiresAt: customer.expiresAt, period: { start: period.start, end: period.end, days: quote.periodDays, unusedDays: quote.unusedDays }, refundMinor: 0n },
        refund ? [charge] : [charge, credit],
        refund ? { ...credit, description: `Refund: ${credit.description}` } : null,
      ),
    ],
  };
}
