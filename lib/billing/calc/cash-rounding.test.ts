import { describe, expect, it } from "vitest";
import { cashRound, type CashRoundingMode } from "./cash-rounding";
import { seeded } from "./test-random";

const both = (amount: bigint, increment: bigint, mode: CashRoundingMode) => {
  const r = cashRound(amount, increment, mode);
  return [r.roundedMinor, r.adjustmentMinor];
};

describe("cashRound", () => {
  it("M-Pesa whole shillings (increment 100 for KES)", () => {
    expect(both(12345n, 100n, "half-up")).toEqual([12300n, -45n]);
    expect(both(12350n, 100n, "half-up")).toEqual([12400n, 50n]);
    expect(both(12399n, 100n, "down")).toEqual([12300n, -99n]);
    expect(both(12301n, 100n, "up")).toEqual([12400n, 99n]);
    for (const mode of ["half-up", "down", "up"] as const) expect(both(12300n, 100n, mode)).toEqual([12300n, 0n]);
    expect(both(0n, 100n, "up")).toEqual([0n, 0n]);
  });

  it("refunds round symmetrically (modes act on the magnitude)", () => {
    expect(both(-12350n, 100n, "half-up")).toEqual([-12400n, -50n]);
    expect(both(-12349n, 100n, "half-up")).toEqual([-12300n, 49n]);
    expect(both(-12399n, 100n, "down")).toEqual([-12300n, 99n]);
    expect(both(-12301n, 100n, "up")).toEqual([-12400n, -99n]);
  });

  it("other increments: 5 (0.05 coins), 1 (no-op), 1000 (3-decimal currencies)", () => {
    expect(both(1002n, 5n, "half-up")).toEqual([1000n, -2n]);
    expect(both(1003n, 5n, "half-up")).toEqual([1005n, 2n]);
    expect(both(1003n, 1n, "up")).toEqual([1003n, 0n]);
    expect(both(12_500n, 1000n, "half-up")).toEqual([13_000n, 500n]);
  });

  it("refuses a zero or negative increment and unknown modes", () => {
    expect(() => cashRound(100n, 0n, "up")).toThrow(/at least one minor unit/);
    expect(() => cashRound(100n, -5n, "up")).toThrow(/at least one minor unit/);
    expect(() => cashRound(100n, 5n, "nearest" as CashRoundingMode)).toThrow(/Unknown rounding mode/);
    expect(() => cashRound(100 as unknown as bigint, 5n, "up")).toThrow(/minor units/);
  });

  it("property: rounded + nothing lost, a multiple of the increment, within one increment", () => {
    const r = seeded(9);
    for (let i = 0; i < 5000; i++) {
      const amount = r.int(0, 1) ? r.amount() : -r.amount();
      const inc = BigInt(r.pick([1, 5, 10, 25, 50, 100, 1000]));
      const mode = r.pick(["half-up", "down", "up"] as const);
      const { roundedMinor, adjustmentMinor } = cashRound(amount, inc, mode);
      expect(roundedMinor - adjustmentMinor).toBe(amount);
      expect(roundedMinor % inc).toBe(0n);
      const abs = adjustmentMinor < 0n ? -adjustmentMinor : adjustmentMinor;
      expect(abs < inc).toBe(true);
      if (mode === "half-up") expect(2n * abs <= inc).toBe(true);
      const magnitudeChange = (roundedMinor < 0n ? -roundedMinor : roundedMinor) - (amount < 0n ? -amount : amount);
      if (mode === "down") expect(magnitudeChange <= 0n).toBe(true);
      if (mode === "up") expect(magnitudeChange >= 0n).toBe(true);
    }
  });
});
