import { describe, expect, it } from "vitest";
import { renderInvoicePdf } from "./invoice-pdf";
import { documentFonts } from "./fonts";
import { HOSTILE, sampleInvoice, sampleLine, sampleTenant } from "./testing/fixtures";
import { fontNames, hasGhostscript, pdfPages, pdfPageTexts } from "./testing/pdf-inspect";

const A4: [number, number] = [595, 842];

describe("renderInvoicePdf", () => {
  it("renders an invoice with no lines on one A4 page", async () => {
    const pdf = await renderInvoicePdf(sampleInvoice([]), sampleTenant());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
    expect(pdfPages(pdf)).toEqual({ count: 1, sizes: [A4] });
  });

  it("renders one line with the tenant's details, the customer and the totals", async () => {
    const pdf = await renderInvoicePdf(sampleInvoice([sampleLine(0)]), sampleTenant());
    expect(pdfPages(pdf).count).toBe(1);
    if (!hasGhostscript) return;
    const [page] = pdfPageTexts(pdf);
    for (const text of ["INVOICE", "INV-2026-000123", "SkyLink Networks Ltd", "P051234567X", "Wanjiru Kamau", "Balance due", "Page 1 of 1"]) {
      expect(page).toContain(text);
    }
    // 1,500.00 - 100.00 discount + 16 % tax = 1,624.00, and the dates are Nairobi's (UTC+3).
    expect(page).toMatch(/Balance due\s+Ksh\s1,624\.00/);
    expect(page).toMatch(/Tax 16% on Ksh\s1,400\.00\s+Ksh\s224\.00/);
    expect(page).toMatch(/1 Dec 2026\s.\s31 Dec 2026/);
  });

  it("breaks 200 lines over pages, repeating the table header and numbering the pages", async () => {
    const doc = sampleInvoice(Array.from({ length: 200 }, (_, i) => sampleLine(i)));
    const pdf = await renderInvoicePdf(doc, sampleTenant());
    const { count, sizes } = pdfPages(pdf);
    expect(count).toBeGreaterThanOrEqual(5);
    expect(sizes.every(([w, h]) => w === A4[0] && h === A4[1])).toBe(true);
    if (!hasGhostscript) return;
    const pages = pdfPageTexts(pdf);
    expect(pages).toHaveLength(count);
    pages.forEach((text, i) => {
      if (text.includes("Home Fibre")) expect(text).toMatch(/#\s+Description\s+Qty\s+Unit price/);
      expect(text).toContain(`Page ${i + 1} of ${count}`);
    });
    // Every line number printed exactly once, in order.
    const numbers = pages.flatMap((t) => [...t.matchAll(/^\s+(\d+)\s+Home Fibre/gm)].map((m) => m[1]));
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => String(i + 1)));
    expect(pages.at(-1)).toContain("Balance due");
  });

  it("prints hostile operator text literally and keeps it inside the page", async () => {
    const doc = sampleInvoice(HOSTILE.map((d, i) => sampleLine(i, { description: d })), {
      customer: { name: HOSTILE[0]!, username: HOSTILE[3]!, address: HOSTILE[2]!, email: HOSTILE[1]!, mobile: HOSTILE[4]! },
      notes: HOSTILE.join("\n"),
    });
    const pdf = await renderInvoicePdf(doc, { ...sampleTenant(), legalName: HOSTILE[0]!, address: HOSTILE[1]!.repeat(5) });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    if (!hasGhostscript) return;
    const all = pdfPageTexts(pdf).join("\n");
    expect(all).toContain("%{name}");
    expect(all).toContain("`rm -rf /`");
    expect(all).toContain("=HYPERLINK(");
    expect(all).toContain("Line three");
    // The 260-character word was broken over lines, not pushed off the page.
    expect(all).not.toMatch(/A{100}/);
  });

  it("embeds a TrueType font for Cyrillic and Bengali names when the machine has one", async () => {
    const doc = sampleInvoice([sampleLine(0, { description: HOSTILE[4]! })], {
      customer: { name: HOSTILE[5]!, username: "rahim" },
    });
    const pdf = await renderInvoicePdf(doc, sampleTenant());
    const fonts = fontNames(pdf);
    if (documentFonts().regular.length === 0) {
      expect(fonts).toContain("Helvetica");
      return;
    }
    expect(fonts.some((f) => f.includes("DejaVuSans") || f.includes("FreeSans") || f.includes("Noto"))).toBe(true);
    expect(fonts).not.toContain("Helvetica");
    // Text stays extractable (copy-paste, search): pdfkit writes a ToUnicode map per embedded font.
    expect(pdf.toString("latin1")).toContain("/ToUnicode");
    if (documentFonts().regular.some((f) => f.path.includes("FreeSans"))) {
      // A Bengali-capable face was registered and used next to DejaVu.
      expect(fonts.some((f) => f.includes("FreeSans"))).toBe(true);
    }
  });

  it("marks drafts and voided invoices, and titles credit notes", async () => {
    // The watermark is drawn translucent: an ExtGState with a fill opacity, absent on issued invoices.
    const opacity = /\/ca 0\.12/;
    expect((await renderInvoicePdf(sampleInvoice([sampleLine(0)], { status: "void" }), sampleTenant())).toString("latin1")).toMatch(opacity);
    expect((await renderInvoicePdf(sampleInvoice([sampleLine(0)], { status: "paid" }), sampleTenant())).toString("latin1")).not.toMatch(opacity);
    if (!hasGhostscript) return;
    const draft = pdfPageTexts(await renderInvoicePdf(sampleInvoice([sampleLine(0)], { status: "draft", number: null }), sampleTenant()))[0]!;
    expect(draft).toContain("DRAFT");
    expect(draft).toContain("(not issued)");
    const voided = pdfPageTexts(await renderInvoicePdf(sampleInvoice([sampleLine(0)], { status: "void" }), sampleTenant()))[0]!;
    expect(voided).toContain("VOID");
    const credit = pdfPageTexts(
      await renderInvoicePdf(sampleInvoice([sampleLine(0)], { kind: "credit_note", number: "CN-7", creditedInvoiceNumber: "INV-2026-000123" }), {
        ...sampleTenant(),
        logo: null,
      }),
    )[0]!;
    expect(credit).toContain("CREDIT NOTE");
    expect(credit).toContain("Credits invoice");
    expect(credit).toContain("Total credited");
    expect(credit).not.toContain("Balance due");
  });

  it("prints without a broken logo rather than failing", async () => {
    const pdf = await renderInvoicePdf(sampleInvoice([sampleLine(0)]), { ...sampleTenant(), logo: { bytes: new Uint8Array([1, 2, 3]), mime: "image/png" } });
    expect(pdfPages(pdf).count).toBe(1);
  });
});
