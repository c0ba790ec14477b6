// RouterOS-style rates: "512k", "10M", "1.5M", "1G" (bits per second, k = 1000 like RouterOS).

const UNITS: Record<string, number> = { "": 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6, g: 1e9, G: 1e9 };

export function parseRate(text: string): bigint | null {
  const m = /^\s*(\d+(?:\.\d{1,3})?)\s*([kKmMgG]?)\s*$/.exec(text);
  if (!m) return null;
  const bps = Math.round(Number(m[1]) * UNITS[m[2]!]!);
  return bps > 0 ? BigInt(bps) : null;
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
