// Typed amounts -> bigint minor units, by string arithmetic (never through a float).
//
// What is accepted (documented in docs/database.md, "Money"):
// - ASCII digits, an optional "." as the decimal point, at most the currency's exponent decimals
//   ("12.50" KES, "1500" JPY, "1.234" KWD); "12.5" is fine (= 12.50).
// - Thousands grouping with "," or a space (also no-break and thin spaces) in groups of three:
//   "1,234.50", "1 234 567". The decimal point is always "."; "1 234,50" and "12,50" are refused
//   with a message saying so, rather than guessed (a comma means thousands in the app's English
//   forms, and a wrong guess would be off by 100x or 1000x).
// - A leading "-" only with allowNegative. Nothing else: no "+", exponents ("1e3"), hex ("0x10"),
//   non-ASCII digits ("١٢"), currency symbols, NaN/Infinity, control characters.
// - At most `max` minor units (default MAX_AMOUNT_MINOR, below 10^15: 9,999,999,999,999.99 for a
//   2-decimal currency), so an amount is also a safe JavaScript integer wherever one is needed.
import { AppError } from "@/lib/errors";
import { currencyExponent } from "./currencies";

export const MAX_AMOUNT_MINOR = 999_999_999_999_999n;

export type ParseAmountOptions = {
  allowNegative?: boolean;
  /** The largest accepted absolute value in minor units (default MAX_AMOUNT_MINOR). */
  max?: bigint;
};

export type ParsedAmount = { ok: true; minor: bigint } | { ok: false; message: string };

const MAX_TEXT = 64;
const GROUP_SPACES = /[\u00a0\u202f\u2009]/g;
const PLAIN = /^([0-9]+)(?:\.([0-9]+))?$/;
const COMMA_GROUPED = /^([0-9]{1,3}(?:,[0-9]{3})+)(?:\.([0-9]+))?$/;
const SPACE_GROUPED = /^([0-9]{1,3}(?: [0-9]{3})+)(?:\.([0-9]+))?$/;
const COMMA_DECIMAL = /^[0-9][0-9 .]*,[0-9]{1,3}$/;

function example(exponent: number): string {
  return exponent === 0 ? "1500" : `1500 or 12.${"5".padEnd(exponent, "0")}`;
}

function decimalsRule(currency: string, exponent: number): string {
  return exponent === 0 ? `${currency} amounts have no decimals.` : `${currency} amounts have at most ${exponent} decimal${exponent === 1 ? "" : "s"}.`;
}

/** Like parseAmount, but answers the problem instead of throwing (for zod transforms). */
export function tryParseAmount(text: string, currency: string, options: ParseAmountOptions = {}): ParsedAmount {
  const exponent = currencyExponent(currency);
  const like = `An amount like ${example(exponent)}.`;
  if (typeof text !== "string" || text.length > MAX_TEXT) return { ok: false, message: like };
  let s = text.trim().replace(GROUP_SPACES, " ");
  let negative = false;
  if (s.startsWith("-")) {
    if (!options.allowNegative) return { ok: false, message: "The amount cannot be negative." };
    negative = true;
    s = s.slice(1);
  }
  const m = PLAIN.exec(s) ?? COMMA_GROUPED.exec(s) ?? SPACE_GROUPED.exec(s);
  if (!m) {
    if (exponent > 0 && COMMA_DECIMAL.test(s) && !COMMA_GROUPED.test(s)) return { ok: false, message: `Use a dot for decimals, e.g. 12.${"5".padEnd(exponent, "0")}.` };
    return { ok: false, message: like };
  }
  const whole = m[1]!.replace(/[, ]/g, "");
  const fraction = m[2] ?? "";
  if (fraction.length > exponent) return { ok: false, message: decimalsRule(currency, exponent) };
  const digits = (whole + fraction.padEnd(exponent, "0")).replace(/^0+(?=[0-9])/, "");
  const max = options.max ?? MAX_AMOUNT_MINOR;
  // Compare lengths first: a typed 10^30 never becomes a giant bigint.
  if (digits.length > max.toString().length || BigInt(digits) > max) return { ok: false, message: `At most ${groupedDecimal(max, exponent)}.` };
  const minor = BigInt(digits);
  return { ok: true, minor: negative ? -minor : minor };
}

/** "1234.5" in KES -> 123450n. Throws AppError VALIDATION (field `field`, default "amount") with a clear message. */
export function parseAmount(text: string, currency: string, options: ParseAmountOptions & { field?: string } = {}): bigint {
  const r = tryParseAmount(text, currency, options);
  if (r.ok) return r.minor;
  const field = options.field ?? "amount";
  throw new AppError("VALIDATION", { userMessage: r.message, fieldErrors: { [field]: [r.message] } });
}

/** The limit in a message: 999999999999999 minor KES -> "9,999,999,999,999.99". */
function groupedDecimal(minor: bigint, exponent: number): string {
  const s = minor.toString().padStart(exponent + 1, "0");
  const whole = s.slice(0, s.length - exponent).replace(/\B(?=([0-9]{3})+$)/g, ",");
  return exponent ? `${whole}.${s.slice(s.length - exponent)}` : whole;
}
