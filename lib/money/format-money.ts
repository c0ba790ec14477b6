// The one money formatter. Amounts are bigint minor units; the decimal text is built from the
// integer's digits (never minor / 100) and handed to Intl as a string, which formats it exactly.
import { currencyExponent } from "./currencies";

export type DecimalStringOptions = {
  /** "2500" instead of "2500.00" when there is no fraction (form inputs). */
  compactWhole?: boolean;
};

/** 123450n KES -> "1234.50"; 1500n JPY -> "1500"; -5n KWD -> "-0.005". For form inputs and CSV. */
export function minorToDecimalString(minor: bigint, currency: string, options: DecimalStringOptions = {}): string {
  const exponent = currencyExponent(currency);
  const sign = minor < 0n ? "-" : "";
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  if (!exponent || (options.compactWhole && /^0*$/.test(fraction))) return sign + whole;
  return `${sign}${whole}.${fraction}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency: string, exponent: number): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    formatters.set(key, f);
  }
  return f;
}

/**
 * 250000n KES -> "KES 2,500.00" (locale "en", a no-break space after the code); always the currency's own decimals, so columns line
 * up. Pass a fixed locale from the server so server and browser render the same text.
 */
export function formatMoney(minor: bigint, currency: string, locale = "en"): string {
  const exponent = currencyExponent(currency);
  const decimal = minorToDecimalString(minor, currency);
  // Intl formats a decimal string exactly (no float in between).
  return formatter(locale, currency, exponent).format(decimal as Intl.StringNumericLiteral);
}
