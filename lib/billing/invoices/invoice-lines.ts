// Turns what an invoice bills (package periods, prorations, fees, discounts) into exact lines:
// tax per rate, inclusive or exclusive as the tenant prices, rounded once per line, and the
// tenant's cash rounding as a visible line of its own.
import type { InvoiceLineKind } from "@/lib/db/generated/enums";
import { cashRound } from "../calc/cash-rounding";
import { computeDocument } from "../calc/tax";
import type { BillingContext } from "../billing-context";

export interface InvoiceLineInput {
  kind: InvoiceLineKind;
  description: string;
  /** Whole units or a decimal string with up to three decimals; 1 by default. */
  quantity?: string | number;
  unitPriceMinor: bigint;
  discountMinor?: bigint;
  /** Basis points; the tenant's default rate when left out. */
  taxRateBp?: number;
  packageId?: string | null;
  periodStart?: Date | null;
  periodEnd?: Date | null;
}

export interface ComputedLine {
  position: number;
  kind: InvoiceLineKind;
  description: string;
  quantityMilli: bigint;
  unitPriceMinor: bigint;
  discountMinor: bigint;
  netMinor: bigint;
  taxRateBp: number;
  taxMinor: bigint;
  totalMinor: bigint;
  packageId: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
}

export interface ComputedInvoice {
  lines: ComputedLine[];
  subtotalMinor: bigint;
  discountMinor: bigint;
  taxMinor: bigint;
  roundingMinor: bigint;
  totalMinor: bigint;
}

/** The tenant's default tax rate in basis points (0 without one). */
export async function defaultTaxRateBp(tx: import("@/lib/db").Tx, ctx: BillingContext): Promise<number> {
  if (!ctx.settings.defaultTaxRateId) return 0;
  const rate = await tx.taxRate.findUnique({ where: { id: ctx.settings.defaultTaxRateId }, select: { rateBp: true } });
  return rate?.rateBp ?? 0;
}

export function computeInvoice(inputs: InvoiceLineInput[], ctx: BillingContext, defaultRateBp: number): ComputedInvoice {
  const doc = computeDocument(
    inputs.map((l) => ({
      description: l.description,
      quantity: l.quantity ?? 1,
      unitPriceMinor: l.unitPriceMinor,
      ...(l.discountMinor ? { discountMinor: l.discountMinor } : {}),
      taxRateBp: l.taxRateBp ?? defaultRateBp,
      taxInclusive: ctx.settings.pricesIncludeTax,
    })),
  );
  const lines: ComputedLine[] = doc.lines.map((l, i) => ({
    position: i + 1,
    kind: inputs[i]!.kind,
    description: l.description,
    quantityMilli: l.quantityThousandths,
    unitPriceMinor: inputs[i]!.unitPriceMinor,
    discountMinor: l.discountMinor,
    netMinor: l.netMinor,
    taxRateBp: l.taxRateBp,
    taxMinor: l.taxMinor,
    totalMinor: l.grossMinor,
    packageId: inputs[i]!.packageId ?? null,
    periodStart: inputs[i]!.periodStart ?? null,
    periodEnd: inputs[i]!.periodEnd ?? null,
  }));
  const { roundedMinor, adjustmentMinor } = cashRound(doc.grossMinor, ctx.settings.cashRoundingMinor, "half-up");
  if (adjustmentMinor !== 0n) {
    lines.push({
      position: lines.length + 1,
      kind: "ROUNDING",
      description: "Rounding",
      quantityMilli: 1000n,
      unitPriceMinor: adjustmentMinor,
      discountMinor: 0n,
      netMinor: adjustmentMinor,
      taxRateBp: 0,
      taxMinor: 0n,
      totalMinor: adjustmentMinor,
      packageId: null,
      periodStart: null,
      periodEnd: null,
    });
  }
  const discountMinor = lines.reduce((s, l) => s + l.discountMinor, 0n);
  return {
    lines,
    subtotalMinor: doc.netMinor,
    discountMinor,
    taxMinor: doc.taxMinor,
    roundingMinor: adjustmentMinor,
    totalMinor: roundedMinor,
  };
}
