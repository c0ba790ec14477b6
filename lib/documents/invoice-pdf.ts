// The invoice and credit note a customer and an auditor read: A4, tenant logo and legal details,
// bill-to, a lines table that breaks across pages (header repeated), the totals the books hold,
// a DRAFT/VOID watermark, and "Page x of y". Layout only: every amount comes from billing.
import { formatAmount, formatDate, formatRateBp } from "./format";
import { cleanLine, cleanText } from "./pdf-text";
import { drawLogo, finishPages, GREY, LIGHT, measure, openPdf, put, tenantBlock, type Pdf } from "./pdf-kit";
import type { DocumentTenant, InvoiceDocument, InvoiceStatus } from "./types";

const MARGIN = 40;
const TABLE_SIZE = 8.5;
const CELL_PAD = 3;
/** A description taller than this is cut with an ellipsis (a row must fit on one page). */
const MAX_DESCRIPTION_HEIGHT = 160;

const STATUS_LABEL: Record<InvoiceStatus, string> = {
  draft: "DRAFT",
  issued: "ISSUED",
  paid: "PAID",
  partially_paid: "PARTIALLY PAID",
  void: "VOID",
};

type Column = { label: string; width: number; align: "left" | "right" };

export async function renderInvoicePdf(doc: InvoiceDocument, tenant: DocumentTenant): Promise<Buffer> {
  const title = doc.kind === "credit_note" ? "CREDIT NOTE" : "INVOICE";
  const number = cleanLine(doc.number) || (doc.status === "draft" ? "(not issued)" : "");
  const pdf = openPdf({ size: "A4", margins: { top: MARGIN, bottom: MARGIN + 12, left: MARGIN, right: MARGIN } }, `${title} ${number}`, tenant);
  const locale = tenant.locale;
  const money = (m: bigint) => formatAmount(m, doc.currency, locale);
  const date = (d: Date) => formatDate(d, tenant.timeZone, locale);

  let y = header(pdf, doc, tenant, title, number, date);
  y = billTo(pdf, doc, y);
  y = linesTable(pdf, doc, y, money, locale);
  totals(pdf, doc, y, money, locale);

  finishPages(pdf, doc.status === "draft" || doc.status === "void" ? STATUS_LABEL[doc.status] : null, (p, n) =>
    `${title} ${number}  ·  Page ${p} of ${n}`,
  );
  pdf.doc.end();
  return pdf.done;
}

function contentWidth(pdf: Pdf): number {
  return pdf.doc.page.width - MARGIN * 2;
}

function header(pdf: Pdf, doc: InvoiceDocument, tenant: DocumentTenant, title: string, number: string, date: (d: Date) => string): number {
  const width = contentWidth(pdf);
  const leftWidth = width * 0.55;
  const rightX = MARGIN + width * 0.58;
  const rightWidth = width * 0.42;

  let left = drawLogo(pdf, tenant, MARGIN, MARGIN, 150, 60);
  left = tenantBlock(pdf, tenant, MARGIN, left, leftWidth);

  let right = put(pdf, title, rightX, MARGIN, { width: rightWidth, size: 20, bold: true, align: "right" });
  right = put(pdf, number, rightX, right + 2, { width: rightWidth, size: 11, bold: true, align: "right", maxLines: 2, ellipsis: true });
  right = put(pdf, STATUS_LABEL[doc.status], rightX, right + 2, { width: rightWidth, size: 9, bold: true, align: "right", color: doc.status === "paid" ? "#1a7f37" : GREY });
  right += 8;
  const facts: [string, string][] = [["Issue date", date(doc.issuedAt)]];
  if (doc.dueAt && doc.kind === "invoice") facts.push(["Due date", date(doc.dueAt)]);
  if (doc.periodStart && doc.periodEnd) facts.push(["Service period", `${date(doc.periodStart)} – ${date(doc.periodEnd)}`]);
  if (doc.kind === "credit_note" && cleanLine(doc.creditedInvoiceNumber)) facts.push(["Credits invoice", cleanLine(doc.creditedInvoiceNumber)]);
  facts.push(["Currency", doc.currency]);
  for (const [label, value] of facts) {
    put(pdf, label, rightX, right, { width: rightWidth * 0.42, size: 9, color: GREY });
    right = put(pdf, value, rightX + rightWidth * 0.42, right, { width: rightWidth * 0.58, size: 9, align: "right", maxLines: 2, ellipsis: true }) + 1;
  }
  return Math.max(left, right) + 14;
}

function billTo(pdf: Pdf, doc: InvoiceDocument, y: number): number {
  const width = contentWidth(pdf) * 0.55;
  const c = doc.customer;
  y = put(pdf, doc.kind === "credit_note" ? "CREDIT TO" : "BILL TO", MARGIN, y, { size: 8, bold: true, color: GREY });
  y = put(pdf, cleanLine(c.name), MARGIN, y + 1, { width, size: 11, bold: true, maxLines: 2, ellipsis: true });
  y = put(pdf, `Account: ${cleanLine(c.username)}`, MARGIN, y, { width, size: 9, color: GREY, maxLines: 2, ellipsis: true });
  const address = cleanText(c.address, 400);
  if (address) y = put(pdf, address, MARGIN, y, { width, size: 9, maxLines: 5, ellipsis: true });
  const contact = [c.mobile, c.email].map((v) => cleanLine(v)).filter(Boolean).join("  ·  ");
  if (contact) y = put(pdf, contact, MARGIN, y, { width, size: 9, maxLines: 2, ellipsis: true });
  if (cleanLine(c.taxId)) y = put(pdf, `Tax ID: ${cleanLine(c.taxId)}`, MARGIN, y, { width, size: 9, maxLines: 2, ellipsis: true });
  return y + 14;
}

function columns(width: number): Column[] {
  const fixed: Column[] = [
    { label: "#", width: 28, align: "right" },
    { label: "Description", width: 0, align: "left" },
    { label: "Qty", width: 40, align: "right" },
    { label: "Unit price", width: 72, align: "right" },
    { label: "Discount", width: 64, align: "right" },
    { label: "Tax", width: 38, align: "right" },
    { label: "Amount", width: 78, align: "right" },
  ];
  fixed[1]!.width = width - fixed.reduce((s, c) => s + c.width, 0);
  return fixed;
}

function bottomLimit(pdf: Pdf): number {
  return pdf.doc.page.height - pdf.doc.page.margins.bottom;
}

function tableHeader(pdf: Pdf, cols: Column[], y: number): number {
  const width = contentWidth(pdf);
  pdf.doc.rect(MARGIN, y, width, TABLE_SIZE + CELL_PAD * 2 + 2).fill("#f0f0f0");
  let x = MARGIN;
  for (const col of cols) {
    put(pdf, col.label, x + CELL_PAD, y + CELL_PAD, { width: col.width - CELL_PAD * 2, size: TABLE_SIZE, bold: true, align: col.align, lineBreak: false });
    x += col.width;
  }
  return y + TABLE_SIZE + CELL_PAD * 2 + 4;
}

function linesTable(pdf: Pdf, doc: InvoiceDocument, y: number, money: (m: bigint) => string, locale: string): number {
  const cols = columns(contentWidth(pdf));
  y = tableHeader(pdf, cols, y);
  if (doc.lines.length === 0) {
    y = put(pdf, "No lines.", MARGIN + CELL_PAD, y + CELL_PAD, { size: TABLE_SIZE, color: GREY });
    return y + 8;
  }
  doc.lines.forEach((line, i) => {
    const cells = [
      String(i + 1),
      cleanText(line.description, 1500) || "—",
      cleanLine(line.quantity, 24),
      money(line.unitPriceMinor),
      line.discountMinor === 0n ? "" : money(-line.discountMinor),
      formatRateBp(line.taxRateBp, locale),
      money(line.netMinor),
    ];
    const heights = cells.map((text, c) =>
      Math.min(measure(pdf, text, { width: cols[c]!.width - CELL_PAD * 2, size: TABLE_SIZE }), MAX_DESCRIPTION_HEIGHT),
    );
    const rowHeight = Math.max(...heights) + CELL_PAD * 2;
    if (y + rowHeight > bottomLimit(pdf)) {
      pdf.doc.addPage();
      y = tableHeader(pdf, cols, MARGIN);
    }
    let x = MARGIN;
    cells.forEach((text, c) => {
      const col = cols[c]!;
      put(pdf, text, x + CELL_PAD, y + CELL_PAD, {
        width: col.width - CELL_PAD * 2,
        size: TABLE_SIZE,
        align: col.align,
        height: MAX_DESCRIPTION_HEIGHT,
        ellipsis: true,
      });
      x += col.width;
    });
    y += rowHeight;
    pdf.doc.moveTo(MARGIN, y).lineTo(MARGIN + contentWidth(pdf), y).lineWidth(0.5).strokeColor(LIGHT).stroke();
  });
  return y + 10;
}

function totals(pdf: Pdf, doc: InvoiceDocument, y: number, money: (m: bigint) => string, locale: string): void {
  const rows: { label: string; value: string; bold?: boolean; rule?: boolean }[] = [{ label: "Subtotal", value: money(doc.subtotalMinor) }];
  if (doc.discountMinor !== 0n) rows.push({ label: "Discounts", value: money(-doc.discountMinor) });
  for (const t of doc.taxBreakdown) {
    rows.push({ label: `Tax ${formatRateBp(t.rateBp, locale)} on ${money(t.netMinor)}`, value: money(t.taxMinor) });
  }
  if (doc.taxBreakdown.length === 0 && doc.taxMinor !== 0n) rows.push({ label: "Tax", value: money(doc.taxMinor) });
  if (doc.roundingMinor !== 0n) rows.push({ label: "Rounding", value: money(doc.roundingMinor) });
  rows.push({ label: doc.kind === "credit_note" ? "Total credited" : "Total", value: money(doc.totalMinor), bold: true, rule: true });
  if (doc.kind === "invoice") {
    rows.push({ label: "Paid", value: money(doc.paidMinor) });
    rows.push({ label: "Balance due", value: money(doc.balanceMinor), bold: true, rule: true });
  }
  const notes = cleanText(doc.notes, 1200);
  const rowHeight = 15;
  const needed = rows.length * rowHeight + 10 + (notes ? Math.min(measure(pdf, notes, { width: contentWidth(pdf), size: 8.5 }), 140) + 24 : 0);
  if (y + needed > bottomLimit(pdf)) {
    pdf.doc.addPage();
    y = MARGIN;
  }
  const width = contentWidth(pdf);
  const x = MARGIN + width * 0.45;
  const w = width * 0.55;
  for (const row of rows) {
    if (row.rule) pdf.doc.moveTo(x, y).lineTo(x + w, y).lineWidth(0.8).strokeColor("#999999").stroke();
    put(pdf, row.label, x, y + 3, { width: w * 0.6, size: row.bold ? 10 : 9, bold: row.bold, maxLines: 1, ellipsis: true });
    put(pdf, row.value, x + w * 0.6, y + 3, { width: w * 0.4, size: row.bold ? 10 : 9, bold: row.bold, align: "right", maxLines: 1, ellipsis: true });
    y += rowHeight;
  }
  if (notes) {
    y += 14;
    y = put(pdf, "Notes", MARGIN, y, { size: 8, bold: true, color: GREY });
    put(pdf, notes, MARGIN, y + 2, { width, size: 8.5, height: 140, ellipsis: true });
  }
}
