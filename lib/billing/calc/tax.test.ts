import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { divRoundHalfUp } from "./rounding";
import { seeded } from "./test-random";
import { computeDocument, computeLine, quantityThousandths, type TaxLine, type TaxLineInput } from "./tax";

const line = (over: Partial<TaxLineInput>): TaxLineInput => ({ description: "Home 10 Mbps, March", quantity: 1, unitPriceMinor: 1000n, taxRateBp: 1600, taxInclusive: false, ...over });
const money = (l: TaxLine) => [l.amountMinor, l.discountMinor, l.netMinor, l.taxMinor, l.grossMinor];

describe("computeLine", () => {
  it("tax-exclusive: tax on the net, gross = net + tax", () => {
    expect(money(computeLine(line({ quantity: 2 })))).toEqual([2000n, 0n, 2000n, 320n, 2320n]);
    expect(money(computeLine(line({ unitPriceMinor: 1003n })))).toEqual([1003n, 0n, 1003n, 160n, 1163n]); // 160.48
    expect(money(computeLine(line({ unitPriceMinor: 1003n, taxRateBp: 1650 })))).toEqual([1003n, 0n, 1003n, 165n, 1168n]); // 165.495
    expect(money(computeLine(line({ unitPriceMinor: 1010n, taxRateBp: 1650 })))).toEqual([1010n, 0n, 1010n, 167n, 1177n]); // 166.65
    expect(money(computeLine(line({ unitPriceMinor: 50n, taxRateBp: 1000 })))).toEqual([50n, 0n, 50n, 5n, 55n]);
    expect(money(computeLine(line({ unitPriceMinor: 25n, taxRateBp: 1000 })))).toEqual([25n, 0n, 25n, 3n, 28n]); // 2.5 -> 3
  });

  it("tax-inclusive: the gross is the price, the tax is gross x rate / (1 + rate)", () => {
    expect(money(computeLine(line({ unitPriceMinor: 1160n, taxInclusive: true })))).toEqual([1160n, 0n, 1000n, 160n, 1160n]);
    expect(money(computeLine(line({ unitPriceMinor: 1000n, taxInclusive: true })))).toEqual([1000n, 0n, 862n, 138n, 1000n]); // 137.93
    expect(money(computeLine(line({ unitPriceMinor: 100_000n, quantity: 3, taxRateBp: 0, taxInclusive: true })))).toEqual([300_000n, 0n, 300_000n, 0n, 300_000n]);
  });

  it("discounts come off before tax, and the line's amount is rounded once", () => {
    // 3 x 3.33 = 9.99, 10 % off = 8.991 -> 8.99, tax 16 % = 1.4384 -> 1.44
    expect(money(computeLine(line({ quantity: 3, unitPriceMinor: 333n, discountBp: 1000 })))).toEqual([999n, 100n, 899n, 144n, 1043n]);
    // 1.5 x 19.99 = 29.985 (printed 29.99); minus 5.00 = 24.985 -> 24.99, no tax
    expect(money(computeLine(line({ quantity: "1.5", unitPriceMinor: 1999n, discountMinor: 500n, taxRateBp: 0 })))).toEqual([2999n, 500n, 2499n, 0n, 2499n]);
    // 100 % off
    expect(money(computeLine(line({ discountBp: 10_000 })))).toEqual([1000n, 1000n, 0n, 0n, 0n]);
    // inclusive with a discount: 11.60 - 1.16 = 10.44 gross, tax 1.44
    expect(money(computeLine(line({ unitPriceMinor: 1160n, taxInclusive: true, discountMinor: 116n })))).toEqual([1160n, 116n, 900n, 144n, 1044n]);
  });

  it("quantities in thousandths, exactly", () => {
    expect(quantityThousandths(3)).toBe(3000n);
    expect(quantityThousandths(3n)).toBe(3000n);
    expect(quantityThousandths("0.333")).toBe(333n);
    expect(quantityThousandths("2.5")).toBe(2500n);
    expect(quantityThousandths("-1.25")).toBe(-1250n);
    expect(computeLine(line({ quantity: "0.333", unitPriceMinor: 100n, taxRateBp: 0 })).netMinor).toBe(33n);
    expect(computeLine(line({ quantity: "0.005", unitPriceMinor: 100n, taxRateBp: 0 })).netMinor).toBe(1n); // 0.5 -> 1
  });

  it("negative lines are the exact mirror: half-up means away from zero at .5", () => {
    expect(money(computeLine(line({ unitPriceMinor: -25n, taxRateBp: 1000 })))).toEqual([-25n, 0n, -25n, -3n, -28n]);
    expect(computeLine(line({ unitPriceMinor: -1n, quantity: "0.5", taxRateBp: 0 })).netMinor).toBe(-1n);
    // a credit note line: -1 x 19.99 with 5.00 off is -14.99 (the discount shrinks the credit)
    expect(money(computeLine(line({ quantity: -1, unitPriceMinor: 1999n, discountMinor: 500n, taxRateBp: 0 })))).toEqual([-1999n, -500n, -1499n, 0n, -1499n]);
  });

  it("refuses what it cannot compute exactly", () => {
    expect(() => computeLine(line({ quantity: 1.5 }))).toThrow(/must be whole/);
    expect(() => computeLine(line({ quantity: "1.2345" }))).toThrow(/three decimals/);
    expect(() => computeLine(line({ quantity: "1e3" }))).toThrow(/three decimals/);
    expect(() => computeLine(line({ discountMinor: 1n, discountBp: 1 }))).toThrow(/not both/);
    expect(() => computeLine(line({ discountMinor: 1001n }))).toThrow(/no larger than the line/);
    expect(() => computeLine(line({ discountMinor: -1n }))).toThrow(/positive amount/);
    expect(() => computeLine(line({ discountBp: 10_001 }))).toThrow(/0 to 10000/);
    expect(() => computeLine(line({ taxRateBp: -1 }))).toThrow(/basis points/);
    expect(() => computeLine(line({ taxRateBp: 16.5 }))).toThrow(/basis points/);
    expect(() => computeLine(line({ unitPriceMinor: 10 as unknown as bigint }))).toThrow(/minor units/);
    try {
      computeLine(line({ discountMinor: 1001n }));
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fieldErrors).toHaveProperty("discountMinor");
    }
  });
});

describe("computeDocument", () => {
  it("totals and the per-rate breakdown are sums of the rounded lines", () => {
    const doc = computeDocument([
      line({ description: "Fibre 50", unitPriceMinor: 4999n }),
      line({ description: "Router rent", unitPriceMinor: 333n, quantity: 3 }),
      line({ description: "Installation", unitPriceMinor: 2500n, taxRateBp: 0 }),
      line({ description: "Loyalty discount", unitPriceMinor: -500n }),
      line({ description: "TV (inclusive)", unitPriceMinor: 1160n, taxInclusive: true, taxRateBp: 1600 }),
    ]);
    expect([doc.netMinor, doc.taxMinor, doc.grossMinor]).toEqual([8998n, 1040n, 10038n]); // taxes 800 + 160 + 0 - 80 + 160
    expect(doc.taxBreakdown).toEqual([
      { taxRateBp: 0, netMinor: 2500n, taxMinor: 0n, grossMinor: 2500n },
      { taxRateBp: 1600, netMinor: 6498n, taxMinor: 1040n, grossMinor: 7538n },
    ]);
  });

  it("document rounding: each rate's tax rounded on its total, the difference on the largest line", () => {
    const lines = [line({ unitPriceMinor: 3n }), line({ unitPriceMinor: 4n }), line({ unitPriceMinor: 3n })]; // 0.48, 0.64, 0.48
    const perLine = computeDocument(lines);
    expect(perLine.lines.map((l) => l.taxMinor)).toEqual([0n, 1n, 0n]);
    expect(perLine.taxMinor).toBe(1n);
    const perRate = computeDocument([...lines, line({ unitPriceMinor: 3n })], { taxRounding: "document" }); // 13 x 0.16 = 2.08 -> 2
    expect(perRate.lines.map((l) => l.taxMinor)).toEqual([0n, 2n, 0n, 0n]);
    expect(perRate.lines[1]!.grossMinor).toBe(6n);
    expect(perRate.taxBreakdown).toEqual([{ taxRateBp: 1600, netMinor: 13n, taxMinor: 2n, grossMinor: 15n }]);
    // inclusive lines keep their gross; the net absorbs the adjustment
    const incl = computeDocument([line({ unitPriceMinor: 7n, taxInclusive: true }), line({ unitPriceMinor: 7n, taxInclusive: true }), line({ unitPriceMinor: 8n, taxInclusive: true })], { taxRounding: "document" });
    // 7 x 16/116 = 0.9655 -> 1 each line, 8 -> 1.10 -> 1; total 22 x 16/116 = 3.034 -> 3
    expect(incl.lines.map((l) => [l.grossMinor, l.taxMinor, l.netMinor])).toEqual([[7n, 1n, 6n], [7n, 1n, 6n], [8n, 1n, 7n]]);
    const incl2 = computeDocument([line({ unitPriceMinor: 6n, taxInclusive: true }), line({ unitPriceMinor: 6n, taxInclusive: true }), line({ unitPriceMinor: 9n, taxInclusive: true })], { taxRounding: "document" });
    // 6 -> 0.83 -> 1, 6 -> 1, 9 -> 1.24 -> 1: 3 by line; 21 x 16/116 = 2.897 -> 3: no change
    expect(incl2.taxMinor).toBe(3n);
    const incl3 = computeDocument([line({ unitPriceMinor: 4n, taxInclusive: true }), line({ unitPriceMinor: 4n, taxInclusive: true }), line({ unitPriceMinor: 10n, taxInclusive: true })], { taxRounding: "document" });
    // 4 -> 0.55 -> 1, 4 -> 1, 10 -> 1.38 -> 1: 3 by line; 18 x 16/116 = 2.48 -> 2: the 10 line gives one back
    expect(incl3.lines.map((l) => [l.grossMinor, l.taxMinor, l.netMinor])).toEqual([[4n, 1n, 3n], [4n, 1n, 3n], [10n, 0n, 10n]]);
  });

  it("an empty document is zero", () => {
    expect(computeDocument([])).toEqual({ lines: [], netMinor: 0n, taxMinor: 0n, grossMinor: 0n, taxBreakdown: [] });
  });

  it("property: random documents add up, mirror exactly when negated, in both rounding modes", () => {
    const r = seeded(16);
    const rates = [0, 500, 800, 1500, 1600, 1650, 2000, 2500];
    const randomLine = (): TaxLineInput => {
      const discount = r.int(0, 2);
      const unitPriceMinor = r.amount() / BigInt(10 ** r.int(0, 9));
      const quantity = r.int(0, 1) ? r.int(1, 50) : `${r.int(0, 99)}.${String(r.int(0, 999)).padStart(3, "0")}`;
      const extensionMinor = (unitPriceMinor * quantityThousandths(quantity)) / 1000n;
      return {
        description: "x",
        quantity,
        unitPriceMinor: r.int(0, 4) === 0 ? -unitPriceMinor : unitPriceMinor,
        ...(discount === 1 ? { discountBp: r.int(0, 10_000) } : {}),
        ...(discount === 2 ? { discountMinor: extensionMinor / BigInt(r.int(1, 10)) } : {}),
        taxRateBp: r.pick(rates),
        taxInclusive: r.int(0, 1) === 1,
      };
    };
    for (let i = 0; i < 1000; i++) {
      const inputs = Array.from({ length: r.int(1, 12) }, randomLine);
      for (const taxRounding of ["line", "document"] as const) {
        const doc = computeDocument(inputs, { taxRounding });
        const sum = (k: "netMinor" | "taxMinor" | "grossMinor") => doc.lines.reduce((s, l) => s + l[k], 0n);
        expect([doc.netMinor, doc.taxMinor, doc.grossMinor]).toEqual([sum("netMinor"), sum("taxMinor"), sum("grossMinor")]);
        expect(doc.grossMinor).toBe(doc.netMinor + doc.taxMinor);
        expect(doc.taxBreakdown.reduce((s, b) => s + b.taxMinor, 0n)).toBe(doc.taxMinor);
        expect(doc.taxBreakdown.reduce((s, b) => s + b.netMinor, 0n)).toBe(doc.netMinor);
        for (const l of doc.lines) expect(l.grossMinor).toBe(l.netMinor + l.taxMinor);
        const mirrored = computeDocument(inputs.map((x) => ({ ...x, unitPriceMinor: -x.unitPriceMinor })), { taxRounding });
        expect(mirrored.lines.map(money)).toEqual(doc.lines.map((l) => money(l).map((v) => -v)));
        if (taxRounding === "document") {
          // each rate's tax is the once-rounded tax of the rate's total (taxable amounts are those of the line mode)
          const byLine = computeDocument(inputs).lines;
          for (const b of doc.taxBreakdown) {
            const r = BigInt(b.taxRateBp);
            const exact = byLine.filter((l) => l.taxRateBp === b.taxRateBp).reduce((s, l) => s + (l.taxInclusive ? l.grossMinor * r * 10_000n : l.netMinor * r * (10_000n + r)), 0n);
            expect(b.taxMinor).toBe(divRoundHalfUp(exact, 10_000n * (10_000n + r)));
          }
        }
      }
    }
  });
});
