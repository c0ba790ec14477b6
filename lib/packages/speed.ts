// RouterOS-style rates: "512k", "10M", "1.5M", "1G" (bits per second, k = 1000 like RouterOS).

const UNITS: Record<string, number> = { "": 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6, g: 1e9, G: 1e9 };

/** Far above any link a MikroTik router shapes, far below what a bigint column holds. */
export const MAX_RATE_BPS = 100e9;
export const MAX_RATE_TEXT = "100G";

/** Bits per second, or null when malformed, zero, or above MAX_RATE_BPS. */
export function parseRate(text: string): bigint | null {
  const m = /^\s*(\d{1,12}(?:\.\d{1,3})?)\s*([kKmMgG]?)\s*$/.exec(text);
  if (!m) return null;
  const bps = Math.round(Number(m[1]) * UNITS[m[2]!]!);
  return bps > 0 && bps <= MAX_RATE_BPS ? BigInt(bps) : null;
}

export function formatRate(bps: bigint | number): string {
  const n = Number(bps);
  for (const [unit, size] of [["G", 1e9], ["M", 1e6], ["k", 1e3]] as const) {
    if (n >= size && (n % size === 0 || n >= size * 10 || Number.isInteger((n / size) * 1000))) {
      const v = n / size;
      return `${Number.isInteger(v) ? v : Number(v.toFixed(3))}${unit}`;
    }
  }
  return String(n);
}
