// Invoice / credit note / receipt numbers from a tenant's pattern, e.g. "INV-{YYYY}-{seq:6}" ->
// INV-2026-000042. Dates are the issue date in the tenant's zone (an invoice issued at 00:30 on
// 1 January in Nairobi is a new year's invoice there, whatever UTC says). The sequence itself
// comes from the row-locked counter; this file only formats it and checks patterns.
import { AppError } from "@/lib/errors";
import { toLocal } from "./local-time";

export const MAX_PATTERN_LENGTH = 40;
const MAX_SEQ_WIDTH = 12;
const TOKEN = /\{([^{}]*)\}/g;
/** Letters, digits and the separators accountants and file names both accept. */
const LITERAL = /^[A-Za-z0-9\-_/.# ]*$/;
const DATE_TOKENS = new Set(["YYYY", "YY", "MM", "DD"]);

/** Why `pattern` cannot number documents, or null when it can. */
export function validateNumberPattern(pattern: string): string | null {
  if (typeof pattern !== "string" || pattern.trim() === "") return "Enter a number pattern, e.g. INV-{YYYY}-{seq}.";
  if (pattern.length > MAX_PATTERN_LENGTH) return `A number pattern has at most ${MAX_PATTERN_LENGTH} characters.`;
  if (pattern !== pattern.trim()) return "A number pattern cannot start or end with a space.";
  let seqCount = 0;
  for (const [, token] of pattern.matchAll(TOKEN)) {
    const seq = /^seq(?::(\d{1,2}))?$/.exec(token!);
    if (seq) {
      seqCount += 1;
      const width = seq[1] === undefined ? 1 : Number(seq[1]);
      if (width < 1 || width > MAX_SEQ_WIDTH) return `{seq:N} pads to 1-${MAX_SEQ_WIDTH} digits.`;
    } else if (!DATE_TOKENS.has(token!)) {
      return `Unknown placeholder {${token}}: use {YYYY}, {YY}, {MM}, {DD}, {seq} or {seq:6}.`;
    }
  }
  if (seqCount !== 1) return "A number pattern must contain {seq} (or {seq:6}) exactly once.";
  if (!LITERAL.test(pattern.replace(TOKEN, ""))) return "Use only letters, digits, spaces and - _ / . # outside the placeholders.";
  return null;
}

/** The document number for sequence `seq` issued at `issuedAt`, dates read in `timeZone`. */
export function formatDocumentNumber(pattern: string, options: { seq: bigint | number; issuedAt: Date; timeZone: string }): string {
  const problem = validateNumberPattern(pattern);
  if (problem) throw new AppError("VALIDATION", { userMessage: problem, fieldErrors: { pattern: [problem] } });
  const { seq } = options;
  if ((typeof seq === "number" && !Number.isSafeInteger(seq)) || (typeof seq !== "number" && typeof seq !== "bigint") || seq < 1) {
    throw new AppError("VALIDATION", { userMessage: "A document sequence number is a whole number from 1." });
  }
  const local = toLocal(options.issuedAt, options.timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  const values: Record<string, string> = { YYYY: String(local.year).padStart(4, "0"), YY: two(local.year % 100), MM: two(local.month), DD: two(local.day) };
  return pattern.replace(TOKEN, (_, token: string) => {
    if (token.startsWith("seq")) return seq.toString().padStart(token === "seq" ? 1 : Number(token.slice(4)), "0");
    return values[token]!;
  });
}
