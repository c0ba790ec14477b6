// Wall-clock arithmetic in a tenant's IANA time zone, from Intl alone (no date library).
// lib/time/zoned-time.ts drops seconds and picks the later of two repeated wall times; billing
// needs exact instants and one documented rule for DST, so this file keeps its own converters:
//  - a wall time that happens twice (clocks go back) means the EARLIER instant;
//  - a wall time that never happens (clocks go forward) moves forward by the gap (02:30 -> 03:30).
// This is what Temporal calls "compatible" disambiguation and what RFC 5545 prescribes.
import { AppError } from "@/lib/errors";

export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    } catch (cause) {
      throw new AppError("VALIDATION", { userMessage: `Unknown time zone "${timeZone}".`, cause });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new AppError("VALIDATION", { userMessage: "An invalid date was given." });
}

/** Offset from UTC in ms at an instant, straight from Intl (tens of microseconds: cached below). */
function exactOffset(epochMs: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) if (part.type !== "literal") p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!) - Math.floor(epochMs / 1000) * 1000;
}

// A bill run reads the same few days thousands of times, and Intl is slow, so offsets are cached per
// zone and 15-minute UTC slot. A slot whose first and last second disagree holds a transition and
// is always computed exactly (zones never change twice within 15 minutes).
const SLOT_MS = 15 * 60_000;
const MIXED = Number.NaN;
const offsetCache = new Map<string, Map<number, number>>();

function offsetAt(epochMs: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map()));
  const slot = Math.floor(epochMs / SLOT_MS);
  let offset = zone.get(slot);
  if (offset === undefined) {
    const first = exactOffset(slot * SLOT_MS, timeZone);
    offset = first === exactOffset(slot * SLOT_MS + SLOT_MS - 1000, timeZone) ? first : MIXED;
    if (zone.size >= 200_000) zone.clear();
    zone.set(slot, offset);
  }
  return Number.isNaN(offset) ? exactOffset(epochMs, timeZone) : offset;
}

/** The wall-clock reading in `timeZone` at `instant`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  assertInstant(instant);
  const ms = instant.getTime();
  const wall = new Date(ms + offsetAt(ms, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
  };
}

/** The instant of a wall-clock time in `timeZone`: earlier on a repeated hour, shifted forward across a gap. */
export function fromLocal(local: CivilDate & Partial<Omit<LocalDateTime, keyof CivilDate>>, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0, local.second ?? 0, local.millisecond ?? 0);
  // Zones change offset at most once a day: the offsets a day either side bracket every candidate.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) === wall - t).sort((a, b) => a - b);
  if (candidates.length > 0) return new Date(candidates[0]!);
  // In a gap: read the wall time with the offset from before the jump, which lands after it.
  return new Date(wall - before);
}

/** "YYYY-MM-DD" of a civil date. */
export function formatCivil(d: CivilDate): string {
  return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/** A "YYYY-MM-DD" string as a civil date, refusing impossible days (2027-02-29). */
export function parseCivil(text: string): CivilDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  if (!d || d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysInMonth(d.year, d.month)) {
    throw new AppError("VALIDATION", { userMessage: `"${text}" is not a date written as YYYY-MM-DD.` });
  }
  return d;
}

/** Days in a calendar month (month 1-12), leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A civil date moved by whole calendar days (no time zone involved: civil days are all 24 h). */
export function addCivilDays(d: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** A civil month moved by whole months, the day clamped to the target month's last day. */
export function addCivilMonths(d: CivilDate, months: number, anchorDay = d.day): CivilDate {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(anchorDay, daysInMonth(year, month)) };
}

/** Calendar days from civil date `a` to `b` (negative if b is earlier). */
export function civilDaysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

export function compareCivil(a: CivilDate, b: CivilDate): number {
  return civilDaysBetween(b, a);
}

export function requireWholeNumber(value: number, what: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new AppError("VALIDATION", { userMessage: `${what} must be a whole number from ${min} to ${max}.` });
  }
}
