// Prepaid validity: how far a payment, recharge or voucher moves a customer's expiry.
// HOUR is exact elapsed time (a 1-hour hotspot pass is 60 minutes even across a DST change).
// DAY, WEEK and MONTH are calendar units in the tenant's zone: the same local wall-clock time
// N local days / months later, so "30 days from 18:00" ends at 18:00 local even when that day
// had 23 or 25 hours. Months keep the local day-of-month, clamped to the month's last day.
//
// Chaining: renewals extend from the stored expiry, so clamping is sticky (31 Jan -> 28 Feb ->
// 28 Mar). Where the customer should keep the 31st (anniversary billing), pass the original
// day to extendValidityFromAnchor (31 Jan -> 28 Feb -> 31 Mar).
import { AppError } from "@/lib/errors";
import { addCivilDays, addCivilMonths, fromLocal, requireWholeNumber, toLocal } from "./local-time";

export type ValidityUnit = "HOUR" | "DAY" | "WEEK" | "MONTH";

const HOUR_MS = 3_600_000;
/** Longest single extension we accept: 100 years of anything (a typo of 10^9 hours must fail loudly). */
const MAX_VALUE: Record<ValidityUnit, number> = { HOUR: 876_600, DAY: 36_525, WEEK: 5_218, MONTH: 1_200 };

/** `from` moved forward by `value` units of validity in `timeZone`. */
export function extendValidity(from: Date, value: number, unit: ValidityUnit, timeZone: string): Date {
  return extend(from, value, unit, timeZone, undefined);
}

/**
 * Like extendValidity for MONTH, but the day-of-month comes from `anchorDay` (1-31, the day the
 * subscription started) instead of `from`, so a clamped month end returns to the 31st in long months.
 * Other units ignore the anchor.
 */
export function extendValidityFromAnchor(from: Date, value: number, unit: ValidityUnit, anchorDay: number, timeZone: string): Date {
  requireWholeNumber(anchorDay, "The anniversary day", 1, 31);
  return extend(from, value, unit, timeZone, anchorDay);
}

function extend(from: Date, value: number, unit: ValidityUnit, timeZone: string, anchorDay: number | undefined): Date {
  const max = MAX_VALUE[unit];
  if (max === undefined) throw new AppError("VALIDATION", { userMessage: `Unknown validity unit "${String(unit)}".` });
  requireWholeNumber(value, "The validity", 1, max);
  const local = toLocal(from, timeZone);
  if (unit === "HOUR") return new Date(from.getTime() + value * HOUR_MS);
  const date = unit === "MONTH" ? addCivilMonths(local, value, anchorDay ?? local.day) : addCivilDays(local, unit === "WEEK" ? value * 7 : value);
  return fromLocal({ ...local, ...date }, timeZone);
}

/** Where a renewal starts: the current expiry if it is still ahead, otherwise now (no paying for lost days). */
export function renewalStart(now: Date, expiresAt: Date | null): Date {
  return expiresAt && expiresAt.getTime() > now.getTime() ? expiresAt : now;
}
