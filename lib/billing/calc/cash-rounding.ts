// Cash rounding for rails that take whole units only (M-Pesa: whole shillings, increment 100
// for KES) or coins that no longer exist. The difference is returned so it can be posted as a
// visible rounding line, never lost. Modes act on the magnitude, symmetric for refunds:
// "half-up" rounds half away from zero, "down" toward zero (the customer pays less), "up" away
// from zero.
import { AppError } from "@/lib/errors";
import { divRoundDown, divRoundHalfUp, divRoundUp, requireMinor } from "./rounding";

export type CashRoundingMode = "half-up" | "down" | "up";

export interface CashRounding {
  roundedMinor: bigint;
  /** roundedMinor - amountMinor: the rounding line's amount (negative when rounded down). */
  adjustmentMinor: bigint;
}

export function cashRound(amountMinor: bigint, incrementMinor: bigint, mode: CashRoundingMode): CashRounding {
  requireMinor(amountMinor, "The amount");
  requireMinor(incrementMinor, "The rounding increment");
  if (incrementMinor <= 0n) throw new AppError("VALIDATION", { userMessage: "The rounding increment must be at least one minor unit.", fieldErrors: { incrementMinor: ["Must be at least 1."] } });
  const divide = mode === "half-up" ? divRoundHalfUp : mode === "down" ? divRoundDown : mode === "up" ? divRoundUp : null;
  if (!divide) throw new AppError("VALIDATION", { userMessage: `Unknown rounding mode "${String(mode)}".` });
  const roundedMinor = divide(amountMinor, incrementMinor) * incrementMinor;
  return { roundedMinor, adjustmentMinor: roundedMinor - amountMinor };
}
