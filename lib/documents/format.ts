// Amounts, rates and dates as documents print them. Amounts are formatted from the bigint's
// digits (a decimal string handed to Intl.NumberFormat, which formats strings exactly), never
// through minor / 100, so 2^60 minor units print to the last digit.
// lib/money/format-money.ts replaces formatAmount at merge; keep this signature.

function currencyDigits(currency: string, locale: string): number {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "-1234.50" from -123450n with 2 digits: the exact decimal text of a minor-unit amount. */
export function minorToDecimalString(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const abs = (negative ? -minor : minor).toString();
  if (digits === 0) return (negative ? "-" : "") + abs;
  const padded = abs.padStart(digits + 1, "0");
  const whole = padded.slice(0, padded.length - digits);
  const frac = padded.slice(padded.length - digits);
  return `${negative ? "-" : ""}${whole}.${frac}`;
}

export function formatAmount(minor: bigint, currency: string, locale = "en"): string {
  const digits = currencyDigits(currency, locale);
  const nf = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Intl.NumberFormat v3 (Node 20) formats a decimal string exactly; the cast is for older lib types.
  return nf.format(minorToDecimalString(minor, digits) as unknown as number);
}

/** The number of decimals the currency is shown with in this locale (for spreadsheet formats). */
export function amountDigits(currency: string, locale = "en"): number {
  return currencyDigits(currency, locale);
}

/** 1600 -> "16%", 1250 -> "12.5%". A tax rate, not an amount: a float is fine here. */
export function formatRateBp(rateBp: number, locale = "en"): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(rateBp / 10_000);
}

export function formatDate(at: Date, timeZone: string, locale = "en"): string {
  return new Intl.DateTimeFormat(locale, { timeZone, year: "numeric", month: "short", day: "numeric" }).format(at);
}

export function formatDateTime(at: Date, timeZone: string, locale = "en"): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(at);
}

/** The calendar date and wall-clock time of an instant in a time zone, as UTC fields (for xlsx). */
export function wallClockInZone(at: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  return new Date(Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")));
}
