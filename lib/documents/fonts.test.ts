import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { documentFonts, fontPicker } from "./fonts";

describe("fontPicker", () => {
  it("falls back to Helvetica without a TrueType font, replacing what WinAnsi cannot print", () => {
    const doc = new PDFDocument();
    const picker = fontPicker(doc, { regular: [], bold: [] });
    expect(picker.embedded).toBe(false);
    expect(picker.use("Café € Иван রহিম")).toBe("Café € ???? ????");
    doc.end();
  });

  it.skipIf(documentFonts().regular.length === 0)("prints Cyrillic in the first face and Bengali in a face that has it", () => {
    const doc = new PDFDocument();
    const picker = fontPicker(doc);
    expect(picker.embedded).toBe(true);
    const faceOf = () => (doc as unknown as { _font: { name: string } })._font.name;
    expect(picker.use("Иван Петров")).toBe("Иван Петров");
    const cyrillic = faceOf();
    expect(cyrillic).toMatch(/DejaVuSans|FreeSans|NotoSans/);
    picker.use("মোঃ রহিম উদ্দিন");
    if (documentFonts().regular.length > 1 && documentFonts().regular.some((f) => /FreeSans|Bengali/.test(f.path))) {
      expect(faceOf()).toMatch(/FreeSans|Bengali/);
    }
    doc.end();
  });
});
