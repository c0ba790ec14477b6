// RouterOS prints durations as "1w2d3h4m5s", "3h21m", "300ms", "00:05:00" or "1d02:03:04"; we
// keep them as seconds (fractional when the router reports milliseconds).

const UNIT_SECONDS = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1, ms: 0.001, us: 0.000_001 } as const;
type Unit = keyof typeof UNIT_SECONDS;

// Unit tokens, then an optional clock part; "ms" and "us" must be tried before "m" and "s".
const DURATION = /^((?:\d+(?:\.\d+)?(?:ms|us|w|d|h|m|s))*)(?:(\d+):([0-5]?\d):([0-5]?\d(?:\.\d+)?))?$/;
const TOKEN = /(\d+(?:\.\d+)?)(ms|us|w|d|h|m|s)/g;

/** Seconds in a RouterOS duration; throws a RangeError for anything else ("never", ""). */
export function parseRouterOsDuration(text: string): number {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s); // a bare number is seconds, as RouterOS reads it
  const match = DURATION.exec(s);
  if (s === "" || !match) throw new RangeError(`not a RouterOS duration: "${text}"`);
  let total = 0;
  for (const token of (match[1] ?? "").matchAll(TOKEN)) {
    total += Number(token[1]) * UNIT_SECONDS[token[2] as Unit];
  }
  if (match[2] !== undefined) {
    total += Number(match[2]) * 3_600 + Number(match[3]) * 60 + Number(match[4]);
  }
  return roundMicros(total);
}

/** Like parseRouterOsDuration, but undefined instead of an error (for fields read from a router). */
export function tryParseRouterOsDuration(text: string): number | undefined {
  try {
    return parseRouterOsDuration(text);
  } catch {
    return undefined;
  }
}

/** "1w2d3h4m5s" style, which every RouterOS version accepts on input; 0 is "0s". */
export function formatRouterOsDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`not a duration in seconds: ${seconds}`);
  let whole = Math.floor(seconds);
  let millis = Math.round((seconds - whole) * 1000);
  if (millis === 1000) {
    whole += 1;
    millis = 0;
  }
  let out = "";
  for (const unit of ["w", "d", "h", "m", "s"] as const) {
    const size = UNIT_SECONDS[unit];
    const count = Math.floor(whole / size);
    whole -= count * size;
    if (count > 0) out += `${count}${unit}`;
  }
  if (millis > 0) out += `${millis}ms`;
  return out === "" ? "0s" : out;
}

function roundMicros(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
