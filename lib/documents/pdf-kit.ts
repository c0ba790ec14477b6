// What the invoice and receipt renderers share: a pdfkit document collected into one Buffer,
// the tenant block, and the page furniture (watermark, "Page x of y") drawn once all pages exist.
import PDFDocument from "pdfkit";
import { cleanLine, cleanText } from "./pdf-text";
import { fontPicker, type FontPicker } from "./fonts";
import type { DocumentTenant } from "./types";

export type Pdf = { doc: PDFKit.PDFDocument; fonts: FontPicker; done: Promise<Buffer> };

export const GREY = "#555555";
export const LIGHT = "#dddddd";

export function openPdf(options: PDFKit.PDFDocumentOptions, title: string, tenant: DocumentTenant): Pdf {
  const doc = new PDFDocument({
    ...options,
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    info: { Title: cleanLine(title), Author: cleanLine(tenant.legalName || tenant.name), Producer: "isp-cloud", Creator: "isp-cloud" },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, fonts: fontPicker(doc), done };
}

/** Text at (x, y) in the font that can print it; returns the y below it. */
export function put(
  pdf: Pdf,
  raw: string,
  x: number,
  y: number,
  opts: PDFKit.Mixins.TextOptions & { size?: number; bold?: boolean; color?: string; maxLines?: number } = {},
): number {
  const { size = 9, bold = false, color = "#000000", maxLines, ...text } = opts;
  const s = pdf.fonts.use(raw, bold ? "bold" : "regular");
  if (!s) return y;
  pdf.doc.fontSize(size).fillColor(color);
  // At most maxLines lines, the last one ending in an ellipsis when the text is longer.
  if (maxLines) text.height = maxLines * (pdf.doc.currentLineHeight(true) + 1) + 0.5;
  const h = pdf.doc.heightOfString(s, { lineGap: 1, ...text });
  pdf.doc.text(s, x, y, { lineGap: 1, ...text });
  return y + Math.min(h, text.height ?? h);
}

/** Height the text would take (same font choice as put). */
export function measure(pdf: Pdf, raw: string, opts: PDFKit.Mixins.TextOptions & { size?: number; bold?: boolean } = {}): number {
  const { size = 9, bold = false, ...text } = opts;
  const s = pdf.fonts.use(raw, bold ? "bold" : "regular");
  if (!s) return 0;
  pdf.doc.fontSize(size);
  return pdf.doc.heightOfString(s, { lineGap: 1, ...text });
}

export function drawLogo(pdf: Pdf, tenant: DocumentTenant, x: number, y: number, w: number, h: number): number {
  if (!tenant.logo) return y;
  try {
    pdf.doc.image(Buffer.from(tenant.logo.bytes), x, y, { fit: [w, h] });
    return y + h + 6;
  } catch {
    // A broken logo must not stop the invoice: it prints without one.
    return y;
  }
}

/** Legal name, trading name, address, tax id and contacts; returns the y below the block. */
export function tenantBlock(pdf: Pdf, tenant: DocumentTenant, x: number, y: number, width: number, size = 9, align: "left" | "center" = "left"): number {
  const legal = cleanLine(tenant.legalName) || cleanLine(tenant.name);
  y = put(pdf, legal, x, y, { width, size: size + 2, bold: true, align, maxLines: 2, ellipsis: true });
  if (tenant.legalName && cleanLine(tenant.name) && cleanLine(tenant.name) !== legal) {
    y = put(pdf, cleanLine(tenant.name), x, y, { width, size, align, maxLines: 2, ellipsis: true });
  }
  const address = cleanText(tenant.address, 400);
  if (address) y = put(pdf, address, x, y, { width, size, color: GREY, align, maxLines: 5, ellipsis: true });
  const contact = [tenant.phone, tenant.email].map((v) => cleanLine(v)).filter(Boolean).join("  ·  ");
  if (contact) y = put(pdf, contact, x, y, { width, size, color: GREY, align, maxLines: 2, ellipsis: true });
  if (cleanLine(tenant.taxId)) y = put(pdf, `Tax ID: ${cleanLine(tenant.taxId)}`, x, y, { width, size, color: GREY, align, maxLines: 2, ellipsis: true });
  return y;
}

/** On every page: the diagonal watermark (if any) and the footer. Call once, before end(). */
export function finishPages(pdf: Pdf, watermark: string | null, footer: (page: number, pages: number) => string): void {
  const { doc } = pdf;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height, margins } = doc.page;
    const bottom = margins.bottom;
    // Writing below the bottom margin would make pdfkit add a page.
    doc.page.margins.bottom = 0;
    if (watermark) {
      doc.save();
      doc.rotate(-35, { origin: [width / 2, height / 2] });
      pdf.fonts.use(watermark, "bold");
      // As large as a short word allows, and never wider than the page (a long word would wrap).
      doc.fontSize(Math.min(width, height) / 4.5);
      const wide = doc.widthOfString(watermark);
      if (wide > width * 0.9) doc.fontSize((Math.min(width, height) / 4.5) * ((width * 0.9) / wide));
      doc.fillColor("#cc0000").fillOpacity(0.12);
      doc.text(watermark, 0, height / 2 - Math.min(width, height) / 9, { width, align: "center", lineBreak: false });
      doc.restore();
      doc.fillOpacity(1);
    }
    const text = pdf.fonts.use(footer(i - range.start + 1, range.count));
    doc.fontSize(7.5).fillColor(GREY);
    doc.text(text, margins.left, height - bottom / 2 - 4, { width: width - margins.left - margins.right, align: "center", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
