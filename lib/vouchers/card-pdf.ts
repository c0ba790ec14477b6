// A voucher batch's cards as printable A4 sheets (docs/vouchers.md, "Printing"): 3 x 7 cards a
// page between dashed cut lines, each with the ISP's logo and name, the package, its price and
// validity, the card expiry, the serial, the code in groups and a QR code of the portal address
// that redeems it. Layout only (data in, bytes out, no database).
//
// A batch holds up to 100,000 cards, so the renderer is built for volume: every page is written
// out and released as soon as it is full (nothing waits for a "Page x of y" pass: the page count
// is known up front), the shared texts are fitted once per sheet, the logo is embedded once, and
// each QR code is one filled path of its modules' horizontal runs in module units.
import QRCode from "qrcode";
import { formatDate } from "@/lib/documents/format";
import { GREY, openPdf, put, type Pdf } from "@/lib/documents/pdf-kit";
import { cleanLine } from "@/lib/documents/pdf-text";
import type { DocumentTenant } from "@/lib/documents/types";
import { displayCode } from "./codes";

export interface VoucherCard {
  serial: bigint;
  code: string;
}

export interface VoucherCardSheet {
  tenant: DocumentTenant;
  batchNumber: number;
  packageName: string;
  /** The package's validity as printed, e.g. "30 days" (see validityText). */
  validity: string;
  /** The card's price, formatted in the tenant's currency and locale. */
  price: string;
  /** The last moment the card can be redeemed; null: no expiry. */
  cardExpiresAt: Date | null;
  /** The app's public address (scheme, host, optional path) and the ISP's portal slug. */
  portal: { baseUrl: string; slug: string };
  cards: VoucherCard[];
}

const A4: [number, number] = [595.28, 841.89];
export const COLUMNS = 3;
export const ROWS = 7;
export const CARDS_PER_PAGE = COLUMNS * ROWS;
const SIDE = 18;
const TOP = 20;
const FOOTER = 26;
const CARD_W = (A4[0] - SIDE * 2) / COLUMNS; // 186 pt, 66 mm
const CARD_H = (A4[1] - TOP - FOOTER) / ROWS; // 114 pt, 40 mm
const PAD = 8;
/** The QR code's square, top right: a version 4 code (33 modules) prints at 0.6 mm a module. */
const QR_BOX = 56;
/** Width left of the QR code, which keeps a 4-module quiet zone on its left. */
const TEXT_W = CARD_W - PAD * 2 - QR_BOX - 8;
/** Where cards are on a page, for tests that check nothing leaves its card (points, top left origin). */
export const LAYOUT = { side: SIDE, top: TOP, cardW: CARD_W, cardH: CARD_H, pad: PAD, qrBox: QR_BOX } as const;
const INK = "#111111";
const CUT = "#9a9a9a";

/**
 * Error correction M: 15 % of the code may be smudged or torn and it still reads. Mask 3 for
 * every card: choosing the best of the eight masks per code was three quarters of the render
 * time, and for these addresses (random codes) mask 3 is the one qrcode picks most often and has
 * the lowest penalty on average (743, against 793 for the next, over 1,000 codes). A reader
 * takes the mask from the code's format bits, so any mask reads.
 */
export const QR_OPTIONS = { errorCorrectionLevel: "M", maskPattern: 3 } as const;

/** "1 day", "30 days", "12 hours", "1 month". */
export function validityText(value: number, unit: string): string {
  const nouns: Record<string, [string, string]> = { HOUR: ["hour", "hours"], DAY: ["day", "days"], WEEK: ["week", "weeks"], MONTH: ["month", "months"] };
  const [one, many] = nouns[unit] ?? [unit.toLowerCase(), unit.toLowerCase()];
  return `${value} ${value === 1 ? one : many}`;
}

/** Where a card's QR code leads: the ISP's portal with the code filled in. */
export function portalUrl(baseUrl: string, slug: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/portal/${encodeURIComponent(slug)}?code=${encodeURIComponent(code)}`;
}

export interface QrRuns {
  /** Modules a side. */
  size: number;
  /** The dark modules as horizontal runs: [row, column, length] for each, row by row. */
  runs: [number, number, number][];
}

/**
 * The QR code's segments: the address in byte mode and the code at its end, capitals and digits,
 * in alphanumeric mode (5.5 bits a character instead of 8). It is the split qrcode's own search
 * finds for these addresses, given here so that search is not run for every card.
 */
export function qrSegments(text: string): QRCode.QRCodeSegment[] {
  const tail = /[0-9A-Z]+$/.exec(text);
  const bytes = (s: string) => ({ data: new TextEncoder().encode(s), mode: "byte" as const });
  if (!tail) return [bytes(text)];
  return tail.index ? [bytes(text.slice(0, tail.index)), { data: tail[0], mode: "alphanumeric" }] : [{ data: tail[0], mode: "alphanumeric" }];
}

/** The dark modules of the QR code of `text` (qrcode's matrix), merged into horizontal runs. */
export function qrRuns(text: string): QrRuns {
  const { size, data } = QRCode.create(qrSegments(text), QR_OPTIONS).modules;
  const runs: [number, number, number][] = [];
  for (let row = 0; row < size; row++) {
    const at = row * size;
    for (let col = 0; col < size; ) {
      if (!data[at + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && data[at + col]) col++;
      runs.push([row, start, col - start]);
    }
  }
  return { size, runs };
}

/** Layout text with what breaks a card removed: bidi overrides and isolates print as boxes. */
function cardText(value: string, max: number): string {
  return cleanLine(value, max)
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .trim();
}

type Fitted = { text: string; size: number; bold: boolean; spacing: number; builtin?: boolean };
/** `builtin`: plain ASCII in pdfkit's own Helvetica (codes, serials), which measures and encodes without shaping or caching each new string. */
type Style = { size: number; min: number; bold: boolean; spacing?: number; builtin?: boolean };

const ASCII = /^[\x20-\x7e]*$/;
const MARK = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/** Sets the font for `text` and returns what to print. */
function setFont(pdf: Pdf, text: string, bold: boolean, builtin = false): string {
  if (builtin && ASCII.test(text)) {
    pdf.doc.font(bold ? "Helvetica-Bold" : "Helvetica");
    return text;
  }
  return pdf.fonts.use(text, bold ? "bold" : "regular");
}

/**
 * `text` with what no font on this machine can print replaced by "?" (marks and format
 * characters dropped). A missing glyph prints as a box that viewers draw about twice as wide as
 * pdfkit measured it (pdfkit writes its width unscaled), which pushed the line into the QR code.
 */
function printable(pdf: Pdf, text: string, bold: boolean): string {
  const t = setFont(pdf, text, bold);
  const face = (pdf.doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } } })._font?.font;
  if (typeof face?.hasGlyphForCodePoint !== "function") return t;
  let out = "";
  for (const ch of t) out += ch === " " || face.hasGlyphForCodePoint(ch.codePointAt(0)!) ? ch : MARK.test(ch) ? "" : "?";
  return out;
}

function widthAt(pdf: Pdf, text: string, size: number, bold: boolean, spacing: number, builtin = false): number {
  const t = setFont(pdf, text, bold, builtin);
  pdf.doc.fontSize(size);
  return pdf.doc.widthOfString(t, { characterSpacing: spacing });
}

/** The longest start of `chars` that fits `width` with an ellipsis after it. */
function cut(pdf: Pdf, chars: string[], width: number, size: number, bold: boolean, spacing = 0): string {
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (widthAt(pdf, `${chars.slice(0, mid).join("").trimEnd()}…`, size, bold, spacing) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join("").trimEnd()}…`;
}

/**
 * One line that fits `width`: at the style's size, else smaller down to its minimum, else cut
 * with an ellipsis. Measured once per sheet for the shared texts; cards draw it without wrapping.
 */
function fit(pdf: Pdf, raw: string, width: number, style: Style): Fitted {
  const { bold, spacing = 0, builtin } = style;
  const text = builtin && ASCII.test(raw) ? raw : printable(pdf, raw, bold);
  if (!text) return { text, size: style.size, bold, spacing, builtin };
  for (let size = style.size; size >= style.min; size -= 0.5) {
    if (widthAt(pdf, text, size, bold, spacing, builtin) <= width) return { text, size, bold, spacing, builtin };
  }
  return { text: cut(pdf, Array.from(text), width, style.min, bold, spacing), size: style.min, bold, spacing };
}

/** At most `lines` lines of `width` at `size`, broken between words (inside a word too long for a line); the last cut with an ellipsis. */
function wrap(pdf: Pdf, raw: string, width: number, size: number, bold: boolean, lines: number): Fitted[] {
  const out: string[] = [];
  let rest = Array.from(printable(pdf, raw, bold));
  while (rest.length && out.length < lines) {
    if (widthAt(pdf, rest.join(""), size, bold, 0) <= width) {
      out.push(rest.join(""));
      break;
    }
    if (out.length === lines - 1) {
      out.push(cut(pdf, rest, width, size, bold));
      break;
    }
    // The most characters that fit, then back to the last space among them when there is one.
    let lo = 1;
    let hi = rest.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (widthAt(pdf, rest.slice(0, mid).join(""), size, bold, 0) <= width) lo = mid;
      else hi = mid - 1;
    }
    const space = rest.lastIndexOf(" ", lo);
    const take = space > 0 ? space : lo;
    out.push(rest.slice(0, take).join("").trimEnd());
    rest = rest.slice(take);
    while (rest[0] === " ") rest.shift();
  }
  return out.map((text) => ({ text, size, bold, spacing: 0 }));
}

/**
 * The code in groups of four, as large as the card's width allows, never cut: one line at 15 pt
 * down to 9, else two lines (a 28-character code is 7 groups).
 */
function codeLines(pdf: Pdf, code: string, width: number): Fitted[] {
  const shown = displayCode(cardText(code, 40));
  const one = fit(pdf, shown, width, CODE);
  if (!one.text.endsWith("…")) return [one];
  const groups = shown.split("-");
  const half = Math.ceil(groups.length / 2);
  const lines = [groups.slice(0, half).join("-"), groups.slice(half).join("-")];
  for (let size = 11; size >= 6; size -= 0.5) {
    if (lines.every((l) => widthAt(pdf, l, size, true, CODE.spacing!, true) <= width)) return lines.map((text) => ({ text, size, bold: true, spacing: CODE.spacing!, builtin: true }));
  }
  return lines.map((l) => fit(pdf, l, width, { ...CODE, size: 6, min: 6 }));
}

/** Draws fitted text on the baseline y from x; `right` ends it at x instead. */
function draw(pdf: Pdf, f: Fitted, x: number, y: number, color: string, right = false): void {
  if (!f.text) return;
  const text = setFont(pdf, f.text, f.bold, f.builtin);
  const { doc } = pdf;
  doc.fontSize(f.size).fillColor(color);
  const at = right ? x - doc.widthOfString(text, { characterSpacing: f.spacing }) : x;
  doc.text(text, at, y, { lineBreak: false, baseline: "alphabetic", characterSpacing: f.spacing });
}

type Logo = { image: unknown; w: number; h: number };

/** The logo embedded once for the whole sheet (pdfkit embeds a Buffer again at every image()). */
function openLogo(pdf: Pdf, tenant: DocumentTenant, maxW: number, maxH: number): Logo | null {
  if (!tenant.logo) return null;
  try {
    const image = (pdf.doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(Buffer.from(tenant.logo.bytes));
    if (!(image.width > 0 && image.height > 0)) return null;
    const scale = Math.min(maxW / image.width, maxH / image.height);
    return { image, w: image.width * scale, h: image.height * scale };
  } catch {
    // A broken logo must not stop the printing: the cards print without one.
    return null;
  }
}

/** The QR code's modules as one filled path in module units (drawn under a scaling cm). */
export function qrPath(qr: QrRuns): string {
  let out = "";
  for (const [row, col, len] of qr.runs) out += `${col} ${row} ${len} 1 re\n`;
  return `${out}f`;
}

/** What every card of a sheet prints alike, fitted once. */
type Shared = { logo: Logo | null; nameX: number; tenant: Fitted; pkg: Fitted[]; price: Fitted; validity: Fitted; useBy: Fitted | null };

const LOGO_W = 36;
const LOGO_H = 14;
const CODE: Style = { size: 15, min: 9, bold: true, spacing: 0.8, builtin: true };
const SERIAL: Style = { size: 6.5, min: 6.5, bold: false, builtin: true };

export async function renderVoucherCardsPdf(sheet: VoucherCardSheet): Promise<Buffer> {
  const { tenant, cards } = sheet;
  const pages = Math.max(1, Math.ceil(cards.length / CARDS_PER_PAGE));
  const title = `Voucher batch ${sheet.batchNumber}`;
  const pdf = openPdf({ size: A4, margins: { top: TOP, left: SIDE, right: SIDE, bottom: 4 } }, title, tenant);
  const { doc } = pdf;

  const logo = openLogo(pdf, tenant, LOGO_W, LOGO_H);
  const nameX = logo ? logo.w + 5 : 0;
  const tenantName = cardText(tenant.name, 120);
  const packageName = cardText(sheet.packageName, 160);
  const shared: Shared = {
    logo,
    nameX,
    tenant: fit(pdf, tenantName, TEXT_W - nameX, { size: 7.5, min: 6, bold: true }),
    pkg: wrap(pdf, packageName, TEXT_W, 9.5, true, 2),
    price: fit(pdf, cardText(sheet.price, 60), TEXT_W, { size: 13, min: 8, bold: true }),
    validity: fit(pdf, `Validity ${cardText(sheet.validity, 60)}`, TEXT_W, { size: 7.5, min: 6, bold: false }),
    useBy: sheet.cardExpiresAt ? fit(pdf, `Use by ${formatDate(sheet.cardExpiresAt, tenant.timeZone, tenant.locale)}`, CARD_W / 2 - PAD, { size: 6.5, min: 5.5, bold: false }) : null,
  };
  const footerName = [tenantName, title, packageName].filter(Boolean).join("  ·  ");

  for (let page = 0; page < pages; page++) {
    if (page > 0) doc.addPage();
    const onPage = cards.slice(page * CARDS_PER_PAGE, (page + 1) * CARDS_PER_PAGE);
    onPage.forEach((card, i) => drawCard(pdf, sheet, shared, card, SIDE + (i % COLUMNS) * CARD_W, TOP + Math.floor(i / COLUMNS) * CARD_H));
    cutLines(pdf, Math.ceil(onPage.length / COLUMNS));
    const serials = onPage.length ? `Serials ${onPage[0]!.serial}–${onPage.at(-1)!.serial}` : "No cards";
    put(pdf, `${footerName}  ·  ${serials}  ·  Page ${page + 1} of ${pages}`, SIDE, A4[1] - FOOTER + 10, { width: A4[0] - SIDE * 2, size: 7, color: GREY, align: "center", maxLines: 1, ellipsis: true });
    // The page is complete: write it out and let it go (100,000 cards are 4,762 pages), and let
    // the server answer other requests between pages (a large batch renders for half a minute).
    doc.flushPages();
    await new Promise((resolve) => setImmediate(resolve));
  }
  doc.end();
  return pdf.done;
}

function drawCard(pdf: Pdf, sheet: VoucherCardSheet, s: Shared, card: VoucherCard, x: number, y: number): void {
  const { doc } = pdf;
  const left = x + PAD;
  const top = y + PAD;

  // Left of the QR code: who sells it, what it buys, for how much and how long.
  if (s.logo) doc.image(s.logo.image as Buffer, left, top + (LOGO_H - s.logo.h) / 2, { width: s.logo.w, height: s.logo.h });
  draw(pdf, s.tenant, left + s.nameX, top + 10, GREY);
  let base = top + 15;
  for (const line of s.pkg) draw(pdf, line, left, (base += 10.5), INK);
  draw(pdf, s.price, left, (base += 15), INK);
  draw(pdf, s.validity, left, base + 10, GREY);

  // The QR code: its modules' runs in module units, scaled into the square.
  const qr = qrRuns(portalUrl(sheet.portal.baseUrl, sheet.portal.slug, card.code));
  const unit = QR_BOX / qr.size;
  doc.save();
  doc.fillColor("#000000");
  doc.transform(unit, 0, 0, unit, x + CARD_W - PAD - QR_BOX, top);
  doc.addContent(qrPath(qr));
  doc.restore();

  // The code, as large as the card's width allows, in groups of four; under it the serial.
  const code = codeLines(pdf, card.code, CARD_W - PAD * 2);
  if (code.length === 1) draw(pdf, code[0]!, left, top + QR_BOX + 24, "#000000");
  else code.forEach((line, i) => draw(pdf, line, left, top + QR_BOX + 20 + i * 12, "#000000"));
  const bottom = y + CARD_H - PAD - 1;
  draw(pdf, fit(pdf, `Serial ${card.serial}`, CARD_W / 2 - PAD, SERIAL), left, bottom, GREY);
  if (s.useBy) draw(pdf, s.useBy, x + CARD_W - PAD, bottom, GREY, true);
}

/** Dashed lines around the used rows of the grid: where the guillotine goes. */
function cutLines(pdf: Pdf, rows: number): void {
  if (rows === 0) return;
  const { doc } = pdf;
  doc.save();
  doc.lineWidth(0.4).strokeColor(CUT).dash(3, { space: 2.5 });
  for (let r = 0; r <= rows; r++) doc.moveTo(SIDE - 8, TOP + r * CARD_H).lineTo(SIDE + COLUMNS * CARD_W + 8, TOP + r * CARD_H);
  for (let c = 0; c <= COLUMNS; c++) doc.moveTo(SIDE + c * CARD_W, TOP - 8).lineTo(SIDE + c * CARD_W, TOP + rows * CARD_H + 8);
  doc.stroke();
  doc.restore();
}
