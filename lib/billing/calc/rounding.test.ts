import { describe, expect, it } from "vitest";
import { divRoundDown, divRoundHalfUp, divRoundUp } from "./rounding";
import { seeded } from "./test-random";

describe("integer division with money's rounding rules", () => {
  it("half-up is away from zero at exactly .5 and symmetric", () => {
    const cases: [bigint, bigint, bigint][] = [[5n, 2n, 3n], [-5n, 2n, -3n], [5n, -2n, -3n], [-5n, -2n, 3n], [7n, 3n, 2n], [8n, 3n, 3n], [-8n, 3n, -3n], [0n, 7n, 0n], [1n, 3n, 0n], [2n, 4n, 1n]];
    for (const [n, d, q] of cases) expect(divRoundHalfUp(n, d), `${n}/${d}`).toBe(q);
  });

  it("down is toward zero, up away from zero", () => {
    expect([divRoundDown(7n, 2n), divRoundDown(-7n, 2n), divRoundUp(7n, 2n), divRoundUp(-7n, 2n), divRoundUp(6n, 2n), divRoundUp(-6n, 2n), divRoundUp(7n, -2n)]).toEqual([3n, -3n, 4n, -4n, 3n, -3n, -4n]);
  });

  it("refuses division by zero", () => {
    expect(() => divRoundHalfUp(1n, 0n)).toThrow(/Division by zero/);
    expect(() => divRoundUp(1n, 0n)).toThrow(/Division by zero/);
  });

  it("property: the rounded quotient is within half a unit, and the rule is an odd function", () => {
    const r = seeded(1);
    for (let i = 0; i < 5000; i++) {
      const n = r.int(0, 1) ? r.amount() : -r.amount();
      const d = BigInt(r.int(1, 100_000));
      const q = divRoundHalfUp(n, d);
      const twiceError = 2n * (q * d - n);
      expect(twiceError <= d && twiceError >= -d).toBe(true);
      expect(divRoundHalfUp(-n, d)).toBe(-q);
      const abs = (x: bigint) => (x < 0n ? -x : x);
      const down = divRoundDown(n, d) * d;
      const up = divRoundUp(n, d) * d;
      expect(abs(down) <= abs(n) && abs(n) - abs(down) < d).toBe(true);
      expect(abs(up) >= abs(n) && abs(up) - abs(n) < d).toBe(true);
    }
  });
});
