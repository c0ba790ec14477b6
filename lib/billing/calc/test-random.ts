// A seeded generator for the property tests here: reproducible failures, and amounts built from
// integers only (no float ever becomes an amount, not even in tests).
export function seeded(seed: number) {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  /** An integer in [min, max] (max - min below 2^32). */
  const int = (min: number, max: number): number => min + (next() % (max - min + 1));
  /** A bigint in [0, 10^15]. */
  const amount = (): bigint => (BigInt(int(0, 1_000_000)) * 1_000_000_000n + BigInt(int(0, 999_999_999))) % 1_000_000_000_000_001n;
  return { int, amount, pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]! };
}
