// Document lines -> exact totals: quantity x unit price, discount, then tax (inclusive or
// exclusive, per rate). Everything is an exact rational until it becomes a printed amount,
// and each printed amount is rounded once, half-up (away from zero, so a credit note line is
// the exact negative of the invoice line it mirrors):
//  - the line's taxable amount (net for exclusive prices, gross for inclusive ones) from
//    quantity, price and discount;
//  - the line's tax from that printed amount (net x rate, or gross x rate / (1 + rate)), so a
//    reader can check every line with a calculator.
// Document totals are the sums of the rounded lines, and the per-rate breakdown is the sum of
// its lines, so both add up by construction. With taxRounding "document" the tax of each rate is
// rounded once on the rate's total (as some tax offices require) and split back onto its lines:
// each line keeps its own rounded tax and the largest line absorbs the difference (as Lago does).
import { AppError } from "@/lib/errors";
import { divRoundHalfUp, requireMinor } from "./rounding";

/** Whole units (bigint or integer number) or a decimal string with up to three decimals ("1.5"). */
export type Quantity = bigint | number | string;

export interface TaxLineInput {
  description: string;
  quantity: Quantity;
  unitPriceMinor: bigint;
  /** An amount taken off the line (>= 0, at most the line's amount); reduces a negative line toward zero too. */
  discountMinor?: bigint;
  /** A share taken off the line in basis points (0-10000). Not together with discountMinor. */
  discountBp?: number;
  /** 1 bp = 0.01 %: 16 % VAT is 1600. */
  taxRateBp: number;
  /** Whether unitPriceMinor already includes the tax. */
  taxInclusive: boolean;
}

export interface TaxLine {
  description: string;
  quantityThousandths: bigint;
  taxRateBp: number;
  taxInclusive: boolean;
  /** quantity x unit price, rounded, before the discount (tax included if the price includes it). */
  amountMinor: bigint;
  /** amountMinor minus the discounted amount (same sign as the line). */
  discountMinor: bigint;
  netMinor: bigint;
  taxMinor: bigint;
  grossMinor: bigint;
}

export interface TaxBreakdown {
  taxRateBp: number;
  netMinor: bigint;
  taxMinor: bigint;
  grossMinor: bigint;
}

export interface TaxDocument {
  lines: TaxLine[];
  netMinor: bigint;
  taxMinor: bigint;
  grossMinor: bigint;
  /** One row per rate, ascending; its taxes sum to taxMinor. */
  taxBreakdown: TaxBreakdown[];
}

export interface TaxOptions {
  /** "line" (default): each line's tax rounded on its own. "document": per rate on the rate's total, split back. */
  taxRounding?: "line" | "document";
}

const BP = 10_000n;
const MILLI = 1_000n;
const MAX_TAX_BP = 100_000; // 1000 %: beyond any real rate, refuses a percent typed as bp x 100

function bad(userMessage: string, field?: string): AppError {
  return new AppError("VALIDATION", { userMessage, fieldErrors: field ? { [field]: [userMessage] } : undefined });
}

/** A quantity in thousandths, exactly (no float ever touches it). */
export function quantityThousandths(q: Quantity): bigint {
  if (typeof q === "bigint") return q * MILLI;
  if (typeof q === "number") {
    if (!Number.isSafeInteger(q)) throw bad("A quantity given as a number must be whole; write fractions as text, e.g. \"1.5\".", "quantity");
    return BigInt(q) * MILLI;
  }
  const m = /^(-?)(\d{1,15})(?:\.(\d{1,3}))?$/.exec(typeof q === "string" ? q.trim() : "");
  if (!m) throw bad("A quantity is a number with at most three decimals.", "quantity");
  const value = BigInt(m[2]!) * MILLI + BigInt((m[3] ?? "").padEnd(3, "0"));
  return m[1] ? -value : value;
}

function rate(line: TaxLineInput): bigint {
  if (!Number.isSafeInteger(line.taxRateBp) || line.taxRateBp < 0 || line.taxRateBp > MAX_TAX_BP) {
    throw bad(`A tax rate is given in basis points from 0 to ${MAX_TAX_BP} (16 % = 1600).`, "taxRateBp");
  }
  return BigInt(line.taxRateBp);
}

/** The discounted taxable amount as a fraction over 10^7 (thousandths of quantity x bp of discount). */
function baseTimes1e7(line: TaxLineInput, qty: bigint): bigint {
  const extension = line.unitPriceMinor * qty; // over 1000
  if (line.discountMinor !== undefined && line.discountBp !== undefined) throw bad("Give a discount as an amount or a percentage, not both.", "discount");
  if (line.discountBp !== undefined) {
    if (!Number.isSafeInteger(line.discountBp) || line.discountBp < 0 || line.discountBp > 10_000) throw bad("A discount percentage is 0 to 10000 basis points.", "discountBp");
    return extension * (BP - BigInt(line.discountBp));
  }
  const discount = requireMinor(line.discountMinor ?? 0n, "The discount") * MILLI;
  const magnitude = extension < 0n ? -extension : extension;
  if (discount < 0n || discount > magnitude) throw bad("A discount is a positive amount no larger than the line.", "discountMinor");
  return (extension < 0n ? extension + discount : extension - discount) * BP;
}

/** One line, rounded on its own. */
export function computeLine(line: TaxLineInput): TaxLine {
  requireMinor(line.unitPriceMinor, "The unit price");
  const qty = quantityThousandths(line.quantity);
  const r = rate(line);
  const amountMinor = divRoundHalfUp(line.unitPriceMinor * qty, MILLI);
  const taxable = divRoundHalfUp(baseTimes1e7(line, qty), MILLI * BP);
  const taxMinor = line.taxInclusive ? divRoundHalfUp(taxable * r, BP + r) : divRoundHalfUp(taxable * r, BP);
  const netMinor = line.taxInclusive ? taxable - taxMinor : taxable;
  return {
    description: line.description,
    quantityThousandths: qty,
    taxRateBp: line.taxRateBp,
    taxInclusive: line.taxInclusive,
    amountMinor,
    discountMinor: amountMinor - taxable,
    netMinor,
    taxMinor,
    grossMinor: netMinor + taxMinor,
  };
}

/** Re-rounds each rate's tax on the rate's total and puts the difference on its largest line. */
function roundTaxPerRate(lines: TaxLine[]): TaxLine[] {
  const out = lines.map((l) => ({ ...l }));
  const byRate = new Map<number, number[]>();
  out.forEach((l, i) => byRate.set(l.taxRateBp, [...(byRate.get(l.taxRateBp) ?? []), i]));
  for (const [bp, indexes] of byRate) {
    const r = BigInt(bp);
    // Inclusive and exclusive lines of one rate have different exact taxes; sum them over a common denominator.
    const den = BP * (BP + r);
    let exact = 0n;
    let rounded = 0n;
    for (const i of indexes) {
      const l = out[i]!;
      exact += l.taxInclusive ? l.grossMinor * r * BP : l.netMinor * r * (BP + r);
      rounded += l.taxMinor;
    }
    const difference = divRoundHalfUp(exact, den) - rounded;
    if (difference === 0n) continue;
    const abs = (x: bigint) => (x < 0n ? -x : x);
    const largest = indexes.reduce((best, i) => (abs(out[i]!.grossMinor) > abs(out[best]!.grossMinor) ? i : best), indexes[0]!);
    const l = out[largest]!;
    l.taxMinor += difference;
    // An inclusive line keeps its gross (the price the customer saw); an exclusive one keeps its net.
    if (l.taxInclusive) l.netMinor -= difference;
    else l.grossMinor += difference;
  }
  return out;
}

/** A whole document: rounded lines, totals equal to their sums, and a tax breakdown per rate. */
export function computeDocument(inputs: TaxLineInput[], options: TaxOptions = {}): TaxDocument {
  let lines = inputs.map(computeLine);
  if (options.taxRounding === "document") lines = roundTaxPerRate(lines);
  const breakdown = new Map<number, TaxBreakdown>();
  const totals = { netMinor: 0n, taxMinor: 0n, grossMinor: 0n };
  for (const l of lines) {
    const row = breakdown.get(l.taxRateBp) ?? { taxRateBp: l.taxRateBp, netMinor: 0n, taxMinor: 0n, grossMinor: 0n };
    for (const k of ["netMinor", "taxMinor", "grossMinor"] as const) {
      row[k] += l[k];
      totals[k] += l[k];
    }
    breakdown.set(l.taxRateBp, row);
  }
  return { lines, ...totals, taxBreakdown: [...breakdown.values()].sort((a, b) => a.taxRateBp - b.taxRateBp) };
}
