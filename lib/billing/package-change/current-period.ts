// The paid period a package change prorates over. Monthly customers: customer_billing's current
// period. Prepaid by validity: the latest renewal or activation invoice whose period holds now and
// ends at the expiry, else one validity back from the expiry. null: nothing paid ahead to prorate.
import type { Tx } from "@/lib/db";
import type { Customer, Package } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { addCivilDays, addCivilMonths, fromLocal, toLocal } from "../calc/local-time";
import type { BillingContext } from "../billing-context";
import type { Terms } from "../terms";

export interface CurrentPeriod {
  start: Date;
  end: Date;
}

/** `end` moved back by one validity in the tenant's zone (the inverse of extendValidity for whole units). */
export function validityStartBefore(end: Date, value: number, unit: Package["validityUnit"], timeZone: string): Date {
  if (unit === "HOUR") return new Date(end.getTime() - value * 3_600_000);
  const local = toLocal(end, timeZone);
  const date = unit === "MONTH" ? addCivilMonths(local, -value) : addCivilDays(local, -(unit === "WEEK" ? value * 7 : value));
  return fromLocal({ ...local, ...date }, timeZone);
}

export async function currentPeriod(tx: Tx, ctx: BillingContext, customer: Customer, oldPkg: Package, terms: Terms, now: Date): Promise<CurrentPeriod | null> {
  const holds = (p: CurrentPeriod) => p.start.getTime() <= now.getTime() && now.getTime() < p.end.getTime();
  if (terms.mode === "MONTHLY_ADVANCE") {
    const row = terms.row;
    if (!row?.periodStart || !row.periodEnd) return null;
    const period = { start: row.periodStart, end: row.periodEnd };
    return holds(period) ? period : null;
  }
  if (terms.mode !== "PREPAID_VALIDITY") return null;
  const expiry = customer.expiresAt;
  if (!expiry || expiry.getTime() <= now.getTime()) return null;
  const invoice = await tx.invoice.findFirst({
    where: {
      tenantId: ctx.tenantId,
      customerId: customer.id,
      kind: "INVOICE",
      source: { in: ["RENEWAL", "ACTIVATION"] },
      status: { in: ["ISSUED", "PARTIALLY_PAID", "PAID"] },
      periodStart: { lte: now },
      periodEnd: { gt: now },
    },
    orderBy: { periodStart: "desc" },
    select: { periodStart: true, periodEnd: true },
  });
  if (invoice?.periodStart && invoice.periodEnd) {
    if (invoice.periodEnd.getTime() !== expiry.getTime()) {
      // Renewed ahead: later periods were paid at the old price; prorating only this one would give them the new package for free.
      throw new AppError("CONFLICT", { userMessage: "This customer has prepaid periods after the current one: change the package at expiry, or after those periods." });
    }
    return { start: invoice.periodStart, end: invoice.periodEnd };
  }
  const period = { start: validityStartBefore(expiry, oldPkg.validityValue, oldPkg.validityUnit, ctx.timeZone), end: expiry };
  if (!holds(period)) throw new AppError("CONFLICT", { userMessage: "This customer's expiry is more than one validity ahead: change the package at expiry." });
  return period;
}
