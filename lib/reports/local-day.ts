// Calendar days in a tenant's time zone.
import { zonedToUtc } from "@/lib/time/zoned-time";

/** The tenant-local calendar date (YYYY-MM-DD) at `instant`. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** The UTC instant of local midnight starting `day` (YYYY-MM-DD) in `timeZone`. */
export function localMidnight(day: string, timeZone: string): Date {
  const [year, month, d] = day.split("-").map(Number) as [number, number, number];
  return zonedToUtc({ year, month, day: d }, timeZone);
}

export function previousDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** [start, end) of a local day as UTC instants. */
export function localDayRange(day: string, timeZone: string): { start: Date; end: Date } {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { start: localMidnight(day, timeZone), end: localMidnight(next, timeZone) };
}
