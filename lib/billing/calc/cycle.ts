// Billing periods for "monthly in advance", due dates and grace ends, all in the tenant's zone.
// A period runs from local midnight of its billing day to local midnight of the next billing
// day (end exclusive) and is keyed by its local start date, which makes "bill this customer
// once per period" a unique key. The billing day is either fixed (1-28, every month has it) or
// the anniversary's local day-of-month: a 29th-31st anniversary clamps to shorter months' last
// day and returns to its own day in long months (31 Jan, 28 Feb, 31 Mar, 30 Apr ...).
//
// dueAt / graceEndsAt return EXCLUSIVE bounds: the invoice is payable through the whole of the
// local day `issued + dueDays`, and dueAt is the first instant after it (next local midnight).
// "Overdue" is `now >= dueAt`; "lock" is `now >= graceEndsAt`. One comparison, no 23:59:59.
import { AppError } from "@/lib/errors";
import {
  addCivilDays,
  addCivilMonths,
  civilDaysBetween,
  daysInMonth,
  formatCivil,
  fromLocal,
  parseCivil,
  requireWholeNumber,
  toLocal,
  type CivilDate,
} from "./local-time";

export type BillingAnchor = { billingDay: number } | { anniversary: Date };

export interface BillingPeriod {
  /** First instant of the period (local midnight of the billing day). */
  start: Date;
  /** First instant of the next period (exclusive). */
  end: Date;
  /** Local start date, YYYY-MM-DD: the period's identity for idempotent bill runs. */
  key: string;
  /** Calendar days in the period, for day-granular proration. */
  days: number;
}

/** The local day-of-month a period starts on, before clamping. */
function anchorDay(anchor: BillingAnchor, timeZone: string): number {
  if ("billingDay" in anchor) {
    requireWholeNumber(anchor.billingDay, "The billing day", 1, 28);
    return anchor.billingDay;
  }
  if ("anniversary" in anchor) return toLocal(anchor.anniversary, timeZone).day;
  throw new AppError("VALIDATION", { userMessage: "A billing day or an anniversary is required." });
}

function periodStartingIn(year: number, month: number, day: number, timeZone: string): BillingPeriod {
  const start: CivilDate = { year, month, day: Math.min(day, daysInMonth(year, month)) };
  const next = addCivilMonths({ year, month, day: 1 }, 1, day);
  return { start: fromLocal(start, timeZone), end: fromLocal(next, timeZone), key: formatCivil(start), days: civilDaysBetween(start, next) };
}

/** The billing period that contains `at`. */
export function billingPeriodContaining(at: Date, anchor: BillingAnchor, timeZone: string): BillingPeriod {
  const day = anchorDay(anchor, timeZone);
  const local = toLocal(at, timeZone);
  const thisMonth = periodStartingIn(local.year, local.month, day, timeZone);
  if (at.getTime() >= thisMonth.start.getTime()) return thisMonth;
  const prev = addCivilMonths({ year: local.year, month: local.month, day: 1 }, -1);
  return periodStartingIn(prev.year, prev.month, day, timeZone);
}

/** The period right after `period`. */
export function nextPeriod(period: BillingPeriod, anchor: BillingAnchor, timeZone: string): BillingPeriod {
  return billingPeriodContaining(period.end, anchor, timeZone);
}

/** Exclusive due bound: local midnight after the local day `issuedAt + dueDays` (0 = due the day of issue). */
export function dueAt(issuedAt: Date, dueDays: number, timeZone: string): Date {
  requireWholeNumber(dueDays, "Due days", 0, 3650);
  return fromLocal(addCivilDays(toLocal(issuedAt, timeZone), dueDays + 1), timeZone);
}

/** Exclusive lock bound: `graceDays` local days after `due` (the same wall-clock time, DST-aware). */
export function graceEndsAt(due: Date, graceDays: number, timeZone: string): Date {
  requireWholeNumber(graceDays, "Grace days", 0, 3650);
  const local = toLocal(due, timeZone);
  return fromLocal({ ...local, ...addCivilDays(local, graceDays) }, timeZone);
}

/** The tenant-local calendar date at `instant`, YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  return formatCivil(toLocal(instant, timeZone));
}

/** The first instant of a local date (midnight, or the first wall time after a midnight DST gap). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return fromLocal(parseCivil(date), timeZone);
}

/** The first instant of the local day after `date`. */
export function startOfNextLocalDay(date: string, timeZone: string): Date {
  return startOfLocalDay(localDate(new Date(startOfLocalDay(date, timeZone).getTime() + 36 * 3600_000), timeZone), timeZone);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A period of local dates as typed in a form (a malformed date is ignored: to defaults to today,
 * from to the first of to's month), and the instants it covers: [start, end), the end date included.
 */
export function localPeriod(query: { from?: string | null; to?: string | null }, timeZone: string, now = new Date()) {
  const to = query.to && DATE.test(query.to) ? query.to : localDate(now, timeZone);
  const from = query.from && DATE.test(query.from) ? query.from : `${to.slice(0, 8)}01`;
  return { from, to, start: startOfLocalDay(from, timeZone), end: startOfNextLocalDay(to, timeZone) };
}

/** Days in the local month that contains `at` (a YYYY-MM-DD date needs no zone). */
export function daysInLocalMonth(at: Date | string, timeZone: string): number {
  const d = typeof at === "string" ? parseCivil(at) : toLocal(at, timeZone);
  return daysInMonth(d.year, d.month);
}

/** Calendar days from the local date of `a` to that of `b` (23- and 25-hour days count as one). */
export function localDaysBetween(a: Date, b: Date, timeZone: string): number {
  return civilDaysBetween(toLocal(a, timeZone), toLocal(b, timeZone));
}
