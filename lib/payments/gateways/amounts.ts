// Amounts at the gateway boundary, for the adapters: our bigint minor units to and from the
// decimal strings gateways take and send ("1500.00"; "1500" for JPY), by the currency's exponent
// (lib/money/currencies.ts) and string arithmetic, never through a float; and whole units, rounded
// up, for gateways that take no cents (M-Pesa; PayPal in HUF and TWD).
import { currencyExponent, isCurrency } from "@/lib/money/currencies";
import { minorToDecimalString } from "@/lib/money/format-money";

/** Minor units as a gateway's decimal string: 150000n KES -> "1500.00", 5n KES -> "0.05", 1500n JPY -> "1500". */
export function decimalString(amountMinor: bigint, currency: string): string {
  return minorToDecimalString(amountMinor, currency);
}

/**
 * A gateway's decimal amount ("1500", "1500.5", "1500.00", or a JSON number) in minor units; null
 * when it is not one: anything but digits with an optional fraction (no sign, no exponent), more
 * than `maxWholeDigits` whole digits, more decimals than the currency has, or an unknown currency.
 */
export function minorUnitsOf(value: unknown, currency: string, maxWholeDigits = 12): bigint | null {
  if ((typeof value !== "string" && typeof value !== "number") || !isCurrency(currency)) return null;
  const exponent = currencyExponent(currency);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(value).trim());
  const whole = m?.[1] ?? "";
  const fraction = m?.[2] ?? "";
  if (!m || whole.length > maxWholeDigits || fraction.length > exponent) return null;
  return BigInt(whole) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, "0") || "0");
}

/** Whole units, rounded up: 150050n KES -> 1501n. */
export function wholeUnitsUp(amountMinor: bigint, currency: string): bigint {
  const unit = 10n ** BigInt(currencyExponent(currency));
  return (amountMinor + unit - 1n) / unit;
}

/** Whole units in minor units: 1501n KES -> 150100n. */
export function minorOfWholeUnits(units: bigint, currency: string): bigint {
  return units * 10n ** BigInt(currencyExponent(currency));
}
