// Percentages as basis points (1% = 100 bp), parsed from the typed text by string arithmetic:
// "12.5" -> 1250, never Math.round(Number(v) * 100).

export type ParsedPercent = { ok: true; bp: number } | { ok: false; message: string };

const PERCENT = /^([0-9]{1,3})(?:\.([0-9]{1,2}))?$/;

/** "60" -> 6000, "12.5" -> 1250, "0.01" -> 1; up to two decimals, from 0 to 100. */
export function percentToBp(text: string): ParsedPercent {
  const m = typeof text === "string" ? PERCENT.exec(text.trim()) : null;
  if (!m) return { ok: false, message: "A percentage like 60 or 12.5." };
  const bp = Number.parseInt(m[1]! + (m[2] ?? "").padEnd(2, "0"), 10);
  if (bp > 10_000) return { ok: false, message: "Between 0 and 100." };
  return { ok: true, bp };
}

/** 1250 -> "12.5", 6000 -> "60", 1 -> "0.01": the form's text for basis points. */
export function bpToPercentText(bp: number): string {
  if (!Number.isSafeInteger(bp)) throw new Error(`Basis points must be an integer, got ${bp}`);
  const sign = bp < 0 ? "-" : "";
  const digits = String(Math.abs(bp)).padStart(3, "0");
  const fraction = digits.slice(-2).replace(/0+$/, "");
  return `${sign}${digits.slice(0, -2)}${fraction ? `.${fraction}` : ""}`;
}
