import { describe, expect, it } from "vitest";
import { renderReceiptPdf } from "./receipt-pdf";
import { HOSTILE, sampleReceipt, sampleTenant } from "./testing/fixtures";
import { hasGhostscript, pdfPages, pdfPageTexts } from "./testing/pdf-inspect";

describe("renderReceiptPdf", () => {
  it("prints an A5 receipt naming the collector and each invoice the payment settled", async () => {
    const pdf = await renderReceiptPdf(sampleReceipt(), sampleTenant());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfPages(pdf)).toEqual({ count: 1, sizes: [[420, 595]] });
    if (!hasGhostscript) return;
    const [text] = pdfPageTexts(pdf);
    expect(text).toContain("RECEIPT");
    expect(text).toContain("RCT-2026-000045");
    expect(text).toContain("Received with thanks from");
    expect(text).toContain("Collected by: Peter Otieno");
    expect(text).toMatch(/Invoice INV-2026-000101\s+Ksh\s1,740\.00/);
    expect(text).toMatch(/To account credit\s+Ksh\s520\.00/);
    expect(text).toMatch(/Ksh\s4,000\.00/);
    // 07:15 UTC is 10:15 in Nairobi.
    expect(text).toContain("10:15");
  });

  it("prints on an 80 mm roll as one page as long as its content", async () => {
    const short = await renderReceiptPdf(sampleReceipt({ allocations: [] }), sampleTenant(), { format: "thermal80" });
    const long = await renderReceiptPdf(
      sampleReceipt({ allocations: Array.from({ length: 30 }, (_, i) => ({ invoiceNumber: `INV-2026-${i}`, amountMinor: 100n })) }),
      sampleTenant(),
      { format: "thermal80" },
    );
    const s = pdfPages(short);
    const l = pdfPages(long);
    expect(s.count).toBe(1);
    expect(l.count).toBe(1);
    expect(s.sizes[0]![0]).toBe(227);
    expect(l.sizes[0]![1]).toBeGreaterThan(s.sizes[0]![1] + 300);
  });

  it("marks a reversed payment's receipt REVERSED, with when and why, on A5 and on a roll", async () => {
    const reversed = { at: new Date("2026-11-30T09:00:00Z"), reason: "Counterfeit note" };
    for (const format of ["a5", "thermal80"] as const) {
      const pdf = await renderReceiptPdf(sampleReceipt({ reversed }), sampleTenant(), { format });
      expect(pdfPages(pdf).count).toBe(1);
      if (!hasGhostscript) continue;
      const [text] = pdfPageTexts(pdf);
      expect(text).toContain("REVERSED");
      expect(text).toContain("12:00");
      expect(text).toContain("Counterfeit note");
    }
    if (!hasGhostscript) return;
    const [plain] = pdfPageTexts(await renderReceiptPdf(sampleReceipt(), sampleTenant()));
    expect(plain).not.toContain("REVERSED");
  });

  it("prints an operator's hostile reversal reason as text, on one page", async () => {
    for (const reason of HOSTILE) {
      for (const format of ["a5", "thermal80"] as const) {
        const pdf = await renderReceiptPdf(sampleReceipt({ reversed: { at: new Date("2026-11-30T09:00:00Z"), reason } }), sampleTenant(), { format });
        expect(pdfPages(pdf).count).toBe(1);
      }
    }
    if (!hasGhostscript) return;
    const [text] = pdfPageTexts(await renderReceiptPdf(sampleReceipt({ reversed: { at: new Date("2026-11-30T09:00:00Z"), reason: "%{name} `id` 'x\"y" } }), sampleTenant(), { format: "thermal80" }));
    expect(text).toContain("%{name}");
    expect(text).toContain("`id`");
  });

  it("survives hostile text and a payment collected online", async () => {
    const pdf = await renderReceiptPdf(
      sampleReceipt({
        collectorName: null,
        method: "mobile_money",
        reference: HOSTILE[1]!,
        customer: { name: HOSTILE[0]!, username: HOSTILE[2]! },
        allocations: [{ invoiceNumber: HOSTILE[3]!, amountMinor: 1n }],
      }),
      { ...sampleTenant(), name: HOSTILE[5]!, legalName: null },
      { format: "thermal80" },
    );
    expect(pdfPages(pdf).count).toBe(1);
    if (!hasGhostscript) return;
    const [text] = pdfPageTexts(pdf);
    expect(text).toContain("Collected online");
    expect(text).toContain("Mobile money");
    expect(text).toContain("%{name}");
  });
});
