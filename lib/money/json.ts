// Money in JSON payloads: minor units as a decimal-integer string ("123450"), because JSON numbers
// are doubles and JSON.stringify refuses bigint. Reading is strict: anything but a canonical
// integer string is refused rather than coerced.
import { AppError } from "@/lib/errors";
import { MAX_AMOUNT_MINOR } from "./parse-amount";

const CANONICAL = /^-?(0|[1-9][0-9]{0,17})$/;

export function moneyToJson(minor: bigint): string {
  return minor.toString();
}

/** "123450" -> 123450n. Refuses numbers, "1e3", "0x10", " 12", "012", "-0", decimals and values past MAX_AMOUNT_MINOR. */
export function moneyFromJson(value: unknown, field = "amount"): bigint {
  const refuse = () => new AppError("VALIDATION", { userMessage: "An amount must be a string of minor units, like \"123450\".", fieldErrors: { [field]: ["An amount in minor units, like \"123450\"."] } });
  if (typeof value !== "string" || !CANONICAL.test(value) || value === "-0") throw refuse();
  const minor = BigInt(value);
  if (minor > MAX_AMOUNT_MINOR || minor < -MAX_AMOUNT_MINOR) throw refuse();
  return minor;
}
