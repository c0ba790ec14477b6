// A new customer on a package starts its billing at once: prepaid-by-validity customers get their
// first validity and an activation invoice for it; monthly customers an invoice for the current
// period (prorated to the billing day when the tenant bills everyone on one day); prepaid-daily
// customers are charged by the daily job. A complimentary customer (granted by an operator allowed
// to) is served with no invoice and no expiry.
import type { Tx } from "@/lib/db";
import type { Customer, Package } from "@/lib/db/generated/client";
import { billingPeriodContaining, localDate, localDaysBetween, startOfLocalDay } from "../calc/cycle";
import { prorate } from "../calc/proration";
import { extendValidity } from "../calc/validity";
import type { BillingContext } from "../billing-context";
import { createDraftInvoice, issueInvoice } from "../invoices/issue-invoice";
import { customerTerms } from "../terms";

export interface StartBillingOptions {
  complimentary?: boolean;
  operatorId?: string | null;
  now?: Date;
}

/** Returns the customer's expiry to store (null: none) after writing its opening invoice. */
export async function startBilling(tx: Tx, ctx: BillingContext, customer: Pick<Customer, "id">, pkg: Package | null, options: StartBillingOptions = {}): Promise<{ expiresAt: Date | null; invoiceId: string | null }> {
  if (!pkg) return { expiresAt: null, invoiceId: null };
  const now = options.now ?? new Date();
  if (options.complimentary) {
    await tx.customerBilling.upsert({ where: { customerId: customer.id }, create: { customerId: customer.id, tenantId: ctx.tenantId, complimentary: true }, update: { complimentary: true } });
    return { expiresAt: null, invoiceId: null };
  }
  const terms = await customerTerms(tx, ctx, customer.id, pkg);
  const key = `activation:${customer.id}`;

  if (terms.mode === "PREPAID_VALIDITY") {
    const expiresAt = extendValidity(now, pkg.validityValue, pkg.validityUnit, ctx.timeZone);
    if (terms.priceMinor === 0n) return { expiresAt, invoiceId: null };
    const draft = await createDraftInvoice(tx, ctx, {
      customerId: customer.id,
      source: "ACTIVATION",
      packageId: pkg.id,
      periodStart: now,
      periodEnd: expiresAt,
      idempotencyKey: key,
      createdById: options.operatorId ?? null,
      lines: [{ kind: "PERIOD", description: `${pkg.name}: ${localDate(now, ctx.timeZone)} to ${localDate(expiresAt, ctx.timeZone)}`, unitPriceMinor: terms.priceMinor, packageId: pkg.id, periodStart: now, periodEnd: expiresAt }],
    });
    const invoice = await issueInvoice(tx, ctx, draft.id, { at: now, operatorId: options.operatorId ?? null });
    return { expiresAt, invoiceId: invoice.id };
  }

  if (terms.mode === "MONTHLY_ADVANCE") {
    const anchor = terms.billingDay ? { billingDay: terms.billingDay } : { anniversary: now };
    const period = billingPeriodContaining(now, anchor, ctx.timeZone);
    await tx.customerBilling.upsert({
      where: { customerId: customer.id },
      create: { customerId: customer.id, tenantId: ctx.tenantId, periodStart: period.start, periodEnd: period.end, anchorAt: now },
      update: { periodStart: period.start, periodEnd: period.end, anchorAt: now },
    });
    if (terms.priceMinor === 0n) return { expiresAt: null, invoiceId: null };
    // Days left in the period, the first day counted whole (day-granular proration).
    const daysLeft = Math.max(1, localDaysBetween(startOfLocalDay(localDate(now, ctx.timeZone), ctx.timeZone), period.end, ctx.timeZone));
    const partial = daysLeft < period.days;
    const amount = partial ? prorate(terms.priceMinor, daysLeft, period.days) : terms.priceMinor;
    const draft = await createDraftInvoice(tx, ctx, {
      customerId: customer.id,
      source: "ACTIVATION",
      packageId: pkg.id,
      periodStart: now,
      periodEnd: period.end,
      periodKey: period.key,
      idempotencyKey: key,
      createdById: options.operatorId ?? null,
      lines: [
        {
          kind: partial ? "PRORATION" : "PERIOD",
          description: `${pkg.name}: ${localDate(now, ctx.timeZone)} to ${localDate(new Date(period.end.getTime() - 1), ctx.timeZone)}${partial ? ` (${daysLeft} of ${period.days} days)` : ""}`,
          unitPriceMinor: amount,
          packageId: pkg.id,
          periodStart: now,
          periodEnd: period.end,
        },
      ],
    });
    const invoice = await issueInvoice(tx, ctx, draft.id, { at: now, operatorId: options.operatorId ?? null });
    return { expiresAt: null, invoiceId: invoice.id };
  }

  // PREPAID_DAILY: the daily job charges day by day from credit.
  await tx.customerBilling.upsert({ where: { customerId: customer.id }, create: { customerId: customer.id, tenantId: ctx.tenantId, anchorAt: now }, update: { anchorAt: now } });
  return { expiresAt: null, invoiceId: null };
}
