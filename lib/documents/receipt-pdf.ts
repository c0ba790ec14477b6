// The receipt a collector hands over for a payment: A5 for an office printer, or an 80 mm
// roll for a thermal printer (one page as long as its content). It names who collected the money.
import { formatAmount, formatDateTime } from "./format";
import { cleanLine } from "./pdf-text";
import { drawLogo, finishPages, GREY, LIGHT, openPdf, put, tenantBlock, type Pdf } from "./pdf-kit";
import type { DocumentTenant, ReceiptDocument } from "./types";

export type ReceiptFormat = "a5" | "thermal80";

const A5: [number, number] = [419.53, 595.28];
const THERMAL_WIDTH = 226.77; // 80 mm
const METHOD_LABEL: Record<string, string> = {
  cash: "Cash",
  bank_transfer: "Bank transfer",
  credit: "Customer credit",
  mobile_money: "Mobile money",
  card: "Card",
  voucher: "Voucher",
};

export async function renderReceiptPdf(doc: ReceiptDocument, tenant: DocumentTenant, options: { format?: ReceiptFormat } = {}): Promise<Buffer> {
  const format = options.format ?? "a5";
  if (format === "a5") return draw(doc, tenant, A5, 32, 9, false);
  // A roll has no fixed length: lay out once on a very long page to learn the height, then for real.
  const probe = openPdf({ size: [THERMAL_WIDTH, 5000], margin: 10 }, "probe", tenant);
  const height = layout(probe, doc, tenant, 10, 8, true);
  probe.doc.end();
  await probe.done;
  return draw(doc, tenant, [THERMAL_WIDTH, Math.ceil(height + 24)], 10, 8, true);
}

async function draw(doc: ReceiptDocument, tenant: DocumentTenant, size: [number, number], margin: number, base: number, narrow: boolean): Promise<Buffer> {
  const pdf = openPdf({ size, margins: { top: margin, left: margin, right: margin, bottom: margin + (narrow ? 0 : 10) } }, `Receipt ${cleanLine(doc.number)}`, tenant);
  layout(pdf, doc, tenant, margin, base, narrow);
  if (!narrow) finishPages(pdf, doc.reversed ? "REVERSED" : null, (p, n) => `Receipt ${cleanLine(doc.number)}  ·  Page ${p} of ${n}`);
  pdf.doc.end();
  return pdf.done;
}

/** Lays the receipt out from the top; returns the y below the last line. */
function layout(pdf: Pdf, doc: ReceiptDocument, tenant: DocumentTenant, margin: number, base: number, narrow: boolean): number {
  const width = pdf.doc.page.width - margin * 2;
  const money = (m: bigint) => formatAmount(m, doc.currency, tenant.locale);
  const align = narrow ? "center" : "left";
  let y = margin;

  const logoWidth = narrow ? 90 : 120;
  y = drawLogo(pdf, tenant, narrow ? margin + (width - logoWidth) / 2 : margin, y, logoWidth, narrow ? 36 : 45);
  y = tenantBlock(pdf, tenant, margin, y, width, base, align) + 10;

  y = put(pdf, "RECEIPT", margin, y, { width, size: base + 8, bold: true, align: "center" });
  y = put(pdf, cleanLine(doc.number), margin, y + 1, { width, size: base + 1, bold: true, align: "center", maxLines: 2, ellipsis: true });
  y = put(pdf, formatDateTime(doc.receivedAt, tenant.timeZone, tenant.locale), margin, y + 1, { width, size: base, color: GREY, align: "center" }) + 10;
  if (doc.reversed) {
    // Said in words as well as by the A5 watermark: a roll has no room for one.
    y = put(pdf, `REVERSED ${formatDateTime(doc.reversed.at, tenant.timeZone, tenant.locale)}`, margin, y, { width, size: base + 2, bold: true, color: "#cc0000", align: "center" });
    const reason = cleanLine(doc.reversed.reason);
    if (reason) y = put(pdf, reason, margin, y + 1, { width, size: base, color: "#cc0000", align: "center", maxLines: 3, ellipsis: true });
    y += 8;
  }

  y = put(pdf, "Received with thanks from", margin, y, { width, size: base, color: GREY, align: "center" });
  y = put(pdf, cleanLine(doc.customer.name), margin, y + 1, { width, size: base + 3, bold: true, align: "center", maxLines: 2, ellipsis: true });
  y = put(pdf, `Account: ${cleanLine(doc.customer.username)}`, margin, y, { width, size: base, color: GREY, align: "center", maxLines: 2, ellipsis: true }) + 8;

  y = put(pdf, "the sum of", margin, y, { width, size: base, color: GREY, align: "center" });
  y = put(pdf, money(doc.amountMinor), margin, y + 1, { width, size: base + 10, bold: true, align: "center" }) + 10;

  const rule = (at: number) => pdf.doc.moveTo(margin, at).lineTo(margin + width, at).lineWidth(0.6).strokeColor(LIGHT).stroke();
  const row = (label: string, value: string, bold = false) => {
    rule(y);
    const labelWidth = width * 0.45;
    const h1 = put(pdf, label, margin, y + 3, { width: labelWidth - 4, size: base, color: bold ? "#000000" : GREY, bold });
    const h2 = put(pdf, value, margin + labelWidth, y + 3, { width: width - labelWidth, size: base, bold, align: "right", maxLines: 3, ellipsis: true });
    y = Math.max(h1, h2) + 3;
  };
  row("Payment method", METHOD_LABEL[doc.method] ?? cleanLine(String(doc.method)));
  if (cleanLine(doc.reference)) row("Reference", cleanLine(doc.reference));
  for (const a of doc.allocations) row(`Invoice ${cleanLine(a.invoiceNumber)}`, money(a.amountMinor));
  if (doc.creditMinor !== 0n) row("To account credit", money(doc.creditMinor));
  if (doc.balanceAfterMinor !== null && doc.balanceAfterMinor !== undefined) {
    const b = doc.balanceAfterMinor;
    row(b < 0n ? "Credit after payment" : "Balance due after payment", money(b < 0n ? -b : b), true);
  }
  rule(y);
  y += 12;
  const collector = cleanLine(doc.collectorName);
  y = put(pdf, collector ? `Collected by: ${collector}` : "Collected online", margin, y, { width, size: base, align, maxLines: 2, ellipsis: true });
  if (!narrow) {
    y += 26;
    pdf.doc.moveTo(margin, y).lineTo(margin + width * 0.45, y).lineWidth(0.6).strokeColor("#999999").stroke();
    y = put(pdf, "Signature", margin, y + 2, { size: base - 1, color: GREY });
  }
  y += 10;
  y = put(pdf, "Thank you for your payment.", margin, y, { width, size: base, align: "center", color: GREY });
  return y;
}
