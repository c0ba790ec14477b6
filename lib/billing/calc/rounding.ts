// Exact division of integers with the one rounding rule money uses: half-up, where "up" means
// away from zero, so a credit note is the exact mirror of its invoice (-2.5 -> -3 as 2.5 -> 3).
import { AppError } from "@/lib/errors";

/** numerator / denominator rounded half away from zero. */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new AppError("INTERNAL", { userMessage: "Division by zero in a money calculation." });
  if (denominator < 0n) return divRoundHalfUp(-numerator, -denominator);
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = (2n * n + denominator) / (2n * denominator);
  return negative ? -q : q;
}

/** numerator / denominator rounded toward zero (bigint division already does this). */
export function divRoundDown(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new AppError("INTERNAL", { userMessage: "Division by zero in a money calculation." });
  return numerator / denominator;
}

/** numerator / denominator rounded away from zero. */
export function divRoundUp(numerator: bigint, denominator: bigint): bigint {
  const q = divRoundDown(numerator, denominator);
  return q * denominator === numerator ? q : q + ((numerator < 0n) !== (denominator < 0n) ? -1n : 1n);
}

/** A bigint amount, refusing numbers so a float can never slip in. */
export function requireMinor(value: bigint, what: string): bigint {
  if (typeof value !== "bigint") throw new AppError("VALIDATION", { userMessage: `${what} must be an amount in minor units (bigint).` });
  return value;
}
