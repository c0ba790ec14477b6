// How a ledger amount is shown to people: on the account's normal side (an asset with money in
// it reads positive, so does revenue earned) and formatted from the bigint by string maths, never
// through a float. formatMoney has the signature of lib/money/format-money.ts, which replaces it
// when the money branch lands.
import type { AccountType } from "./accounts";

/** Debit-normal accounts (assets, expenses) show debits minus credits; the rest the opposite. */
export function normalBalance(type: AccountType, balanceMinor: bigint): bigint {
  return type === "ASSET" || type === "EXPENSE" ? balanceMinor : -balanceMinor;
}

/** Digits after the decimal point for a currency (KES 2, JPY 0, KWD 3), as Intl knows them. */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "12345" with exponent 2 -> "123.45"; "-5" -> "-0.05". Exact for any bigint. */
export function minorToDecimalString(minor: bigint, exponent: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? "-" : ""}${whole}${exponent ? `.${fraction}` : ""}`;
}

/** "KES 1,234.50" in the tenant's locale, from minor units. */
export function formatMoney(minor: bigint, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  const format = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
  // Intl formats a decimal string exactly (no float in between).
  return format.format(minorToDecimalString(minor, exponent) as `${number}`);
}
