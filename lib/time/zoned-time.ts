// Wall-clock times in a tenant's zone <-> UTC instants, from Intl alone.

// Building a formatter costs far more than using one (an import reads 20,000 dates): one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(timeZone, f);
  }
  return f;
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  );
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The UTC instant of a wall-clock time in `timeZone` (DST gaps resolve forward). */
export function zonedToUtc(parts: { year: number; month: number; day: number; hour?: number; minute?: number }, timeZone: string): Date {
  const guess = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour ?? 0, parts.minute ?? 0);
  let t = guess - offsetMs(new Date(guess), timeZone);
  t = guess - offsetMs(new Date(t), timeZone);
  return new Date(t);
}

/** Years we store: PostgreSQL and JavaScript both hold them, and no subscription runs past them. */
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;

function validParts(year: number, month: number, day: number, hour: number, minute: number, second = 0): boolean {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

/** "2026-12-01T18:30" (a datetime-local input) read in `timeZone`; null if malformed or out of range. */
export function parseLocalDateTime(text: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? "0", m[5] ?? "0", m[6] ?? "0"].map(Number) as [number, number, number, number, number, number];
  if (!validParts(year, month, day, hour, minute, second)) return null;
  return new Date(zonedToUtc({ year, month, day, hour, minute }, timeZone).getTime() + second * 1000);
}

/** What parseInstant reads, for messages. */
export const INSTANT_FORMATS = "year-month-day: 2027-01-31, 2027-01-31 23:59, or an ISO instant like 2027-01-31T23:59:00Z";

/**
 * An instant typed or imported: an ISO 8601 instant with Z or an offset, or a local date (and
 * time) read in `timeZone`. Only year-month-day order: 31/01/2027 and 01/31/2027 mean different
 * days in different countries, so they are refused rather than guessed. Null if malformed or
 * outside the years 1970 to 9999 (PostgreSQL and JavaScript disagree beyond those).
 */
export function parseInstant(text: string, timeZone: string): Date | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.exec(s);
  if (!iso) return parseLocalDateTime(s, timeZone);
  const [year, month, day, hour, minute, second] = [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6] ?? "0"].map(Number) as [number, number, number, number, number, number];
  if (!validParts(year, month, day, hour, minute, second)) return null;
  const at = new Date(s);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The message for a date parseInstant refused, naming a day-first or month-first date as such. */
export function instantError(text: string): string {
  return /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(text.trim())
    ? `Write dates as ${INSTANT_FORMATS} (${text.trim()} could be day/month or month/day).`
    : `A date from 1970 to 9999 as ${INSTANT_FORMATS}.`;
}

/** An instant as a datetime-local value in `timeZone`. */
export function toLocalDateTimeInput(instant: Date, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
