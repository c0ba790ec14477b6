// Day-granular proration (as Lago, Kill Bill and Splynx do): a period's price is spread over its
// calendar days in the tenant's zone, exact rationals rounded once, half-up.
//
// Splitting a period: the amount for days [from, to) of a P-day period is
// round(price * to / P) - round(price * from / P). Any partition of the period (one change, or
// several in the same month) therefore adds back to the price exactly; the remaining-days amount
// differs from prorate(price, remainingDays, P) by at most one minor unit on a tie.
import { AppError } from "@/lib/errors";
import { daysInLocalMonth, localDate, localDaysBetween } from "./cycle";
import { requireWholeNumber } from "./local-time";
import { divRoundHalfUp, requireMinor } from "./rounding";

/** `amountMinor * days / periodDays`, half-up (away from zero). */
export function prorate(amountMinor: bigint, days: number, periodDays: number): bigint {
  requireMinor(amountMinor, "The amount");
  requireWholeNumber(periodDays, "The period length in days", 1, 36_600);
  requireWholeNumber(days, "The number of days", 0, periodDays);
  return divRoundHalfUp(amountMinor * BigInt(days), BigInt(periodDays));
}

/** The amount for days [fromDay, toDay) of a `periodDays`-day period; consecutive ranges sum exactly. */
export function prorateRange(amountMinor: bigint, fromDay: number, toDay: number, periodDays: number): bigint {
  requireWholeNumber(toDay, "The last day", 0, periodDays);
  requireWholeNumber(fromDay, "The first day", 0, toDay);
  return prorate(amountMinor, toDay, periodDays) - prorate(amountMinor, fromDay, periodDays);
}

/**
 * Prepaid daily (Splynx): the charge for one local day is the monthly price / days in that month,
 * half-up. `day` is a YYYY-MM-DD local date, or an instant read in `timeZone`. A month of these
 * can differ from the price by up to half a minor unit per day; use dailyChargeBalanced where the
 * month must add up exactly.
 */
export function dailyCharge(priceMinor: bigint, day: Date | string, timeZone: string): bigint {
  requireMinor(priceMinor, "The price");
  return divRoundHalfUp(priceMinor, BigInt(daysInLocalMonth(day, timeZone)));
}

/** The daily charge as a slice of the month (prorateRange of day n): a full month sums to the price. */
export function dailyChargeBalanced(priceMinor: bigint, day: Date | string, timeZone: string): bigint {
  const date = typeof day === "string" ? day : localDate(day, timeZone);
  const dayOfMonth = Number(date.slice(8, 10));
  return prorateRange(priceMinor, dayOfMonth - 1, dayOfMonth, daysInLocalMonth(date, timeZone));
}

export interface PackageChangeQuoteInput {
  oldPriceMinor: bigint;
  newPriceMinor: bigint;
  period: { start: Date; end: Date };
  at: Date;
  timeZone: string;
}

export interface PackageChangeQuote {
  /** Local days from the day of the change (included) to the period end. */
  unusedDays: number;
  periodDays: number;
  /** Credit for the old package's unused days (positive). */
  creditMinor: bigint;
  /** Charge for the new package's remaining days (positive). */
  chargeMinor: bigint;
  /** chargeMinor - creditMinor: positive means the customer pays, negative means a credit. */
  netMinor: bigint;
}

/** Upgrade now: credit the old package's unused days, charge the new one's; the day of the change counts as remaining. */
export function packageChangeQuote(input: PackageChangeQuoteInput): PackageChangeQuote {
  const { oldPriceMinor, newPriceMinor, period, at, timeZone } = input;
  requireMinor(oldPriceMinor, "The old price");
  requireMinor(newPriceMinor, "The new price");
  if (!(period.start.getTime() <= at.getTime() && at.getTime() < period.end.getTime())) {
    throw new AppError("VALIDATION", { userMessage: "A package change must fall inside the billing period it prorates." });
  }
  const periodDays = localDaysBetween(period.start, period.end, timeZone);
  const usedDays = localDaysBetween(period.start, at, timeZone);
  const unusedDays = periodDays - usedDays;
  const creditMinor = prorateRange(oldPriceMinor, usedDays, periodDays, periodDays);
  const chargeMinor = prorateRange(newPriceMinor, usedDays, periodDays, periodDays);
  return { unusedDays, periodDays, creditMinor, chargeMinor, netMinor: chargeMinor - creditMinor };
}
