// A list as a printable PDF (statements, reports): the tenant's logo and details, a title and a few
// lines about what is listed, then the table with its header repeated on every page, money right
// aligned in the tenant's format, "Page x of y" at the foot. Same columns as the CSV and XLSX
// exports (export-columns.ts), so the three files of one list always agree.
import { dateValue, integerValue, moneyValue, type ExportColumn } from "./export-columns";
import { formatAmount, formatDate, formatDateTime } from "./format";
import { cleanLine } from "./pdf-text";
import { drawLogo, finishPages, GREY, LIGHT, openPdf, put, tenantBlock } from "./pdf-kit";
import type { DocumentTenant } from "./types";

export interface TablePdf {
  title: string;
  /** Lines under the title: who, which period, totals. */
  lines?: string[];
  columns: ExportColumn[];
  rows: object[];
}

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const MARGIN = 32;
const SIZE = 8;

function cellText(c: ExportColumn, raw: unknown, tenant: DocumentTenant): string {
  if (c.type === "money") {
    const m = moneyValue(raw, c);
    return m === null ? "" : formatAmount(m, c.currency ?? tenant.currency, tenant.locale);
  }
  if (c.type === "date") {
    const d = dateValue(raw, c);
    return d === null ? "" : c.withTime ? formatDateTime(d, tenant.timeZone, tenant.locale) : formatDate(d, tenant.timeZone, tenant.locale);
  }
  if (c.type === "integer") return integerValue(raw, c)?.toString() ?? "";
  return cleanLine(raw === null || raw === undefined ? "" : String(raw), 300);
}

/** Column widths: text columns share what numbers and dates leave. */
function widths(columns: ExportColumn[], total: number): number[] {
  const fixed: number[] = columns.map((c) => (c.type === "money" ? 78 : c.type === "date" ? (c.withTime ? 92 : 64) : c.type === "integer" ? 48 : 0));
  const texts = columns.filter((c) => c.type === "text").length;
  const left = Math.max(0, total - fixed.reduce((a, b) => a + b, 0));
  return fixed.map((w, i) => (columns[i]!.type === "text" ? Math.max(50, left / Math.max(1, texts)) : w));
}

export async function renderTablePdf(table: TablePdf, tenant: DocumentTenant): Promise<Buffer> {
  const pdf = openPdf({ size: A4_LANDSCAPE, margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + 12 } }, table.title, tenant);
  const { doc } = pdf;
  const width = doc.page.width - MARGIN * 2;
  const bottom = doc.page.height - MARGIN - 14;
  const cols = widths(table.columns, width);
  const xs = cols.map((_, i) => MARGIN + cols.slice(0, i).reduce((a, b) => a + b, 0));

  let y = drawLogo(pdf, tenant, MARGIN, MARGIN, 110, 40);
  y = tenantBlock(pdf, tenant, MARGIN, y, width / 2, SIZE) + 8;
  y = put(pdf, cleanLine(table.title), MARGIN, y, { width, size: 14, bold: true, maxLines: 2, ellipsis: true });
  for (const line of table.lines ?? []) y = put(pdf, cleanLine(line), MARGIN, y + 1, { width, size: SIZE + 1, color: GREY, maxLines: 2, ellipsis: true });
  y += 8;

  const header = () => {
    table.columns.forEach((c, i) => put(pdf, cleanLine(c.header), xs[i]! + 2, y, { width: cols[i]! - 4, size: SIZE, bold: true, align: c.type === "money" || c.type === "integer" ? "right" : "left", maxLines: 1, ellipsis: true }));
    y += 12;
    doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(0.7).strokeColor("#000000").stroke();
    y += 3;
  };
  header();
  if (table.rows.length === 0) put(pdf, "Nothing in this period.", MARGIN, y + 4, { width, size: SIZE + 1, color: GREY });
  for (const row of table.rows) {
    const texts = table.columns.map((c) => cellText(c, (row as Record<string, unknown>)[c.key], tenant));
    const h = 11;
    if (y + h > bottom) {
      doc.addPage();
      y = MARGIN;
      header();
    }
    table.columns.forEach((c, i) => put(pdf, texts[i]!, xs[i]! + 2, y, { width: cols[i]! - 4, size: SIZE, align: c.type === "money" || c.type === "integer" ? "right" : "left", maxLines: 1, ellipsis: true }));
    y += h;
    doc.moveTo(MARGIN, y - 1).lineTo(MARGIN + width, y - 1).lineWidth(0.3).strokeColor(LIGHT).stroke();
  }
  finishPages(pdf, null, (p, n) => `${cleanLine(table.title)}  ·  Page ${p} of ${n}`);
  doc.end();
  return pdf.done;
}
