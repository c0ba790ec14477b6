// Lists as Excel workbooks for accountants: money as real numbers with the currency's decimals
// (built from the bigint's digits), dates as real dates in the tenant's time zone, a bold frozen
// header with an autofilter, and text that cannot run as a formula.
import ExcelJS from "exceljs";
import { amountDigits, minorToDecimalString, wallClockInZone } from "./format";
import { dateValue, integerValue, moneyValue, safeText, type ExportColumn, type ExportOptions } from "./export-columns";

/**
 * Above this a decimal amount has more than 15 significant digits, and a spreadsheet's double can
 * no longer hold it exactly (2^53 is not the bound: at 9e13 with cents, doubles are 1/64 apart, so
 * 90071992547409.91 would not survive). Larger amounts are written as text.
 */
const EXACT_LIMIT = 10n ** 15n;
const EXACT_INTEGER_LIMIT = 2n ** 53n;
/** Excel's limit for one cell. */
const MAX_CELL_TEXT = 32_767;

function numberFormat(digits: number): string {
  return digits === 0 ? "#,##0" : `#,##0.${"0".repeat(digits)}`;
}

export async function toXlsx(sheetName: string, columns: ExportColumn[], rows: Record<string, unknown>[], options: ExportOptions): Promise<Buffer> {
  const { tenant } = options;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "isp-cloud";
  workbook.created = new Date();
  // Sheet names: at most 31 characters, none of : \ / ? * [ ].
  const name = sheetName.replace(/[:\\/?*[\]]/g, " ").trim().slice(0, 31) || "Sheet1";
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });

  const digits = columns.map((c) => (c.type === "money" ? amountDigits(c.currency ?? tenant.currency, tenant.locale) : 0));
  sheet.columns = columns.map((c, i) => ({
    header: safeText(c.header),
    key: `c${i}`,
    width: c.type === "text" ? 28 : c.type === "date" ? (c.withTime ? 18 : 12) : 16,
    style:
      c.type === "money"
        ? { numFmt: numberFormat(digits[i]!), alignment: { horizontal: "right" } }
        : c.type === "date"
          ? { numFmt: c.withTime ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd" }
          : c.type === "integer"
            ? { numFmt: "0" }
            : {},
  }));
  sheet.getRow(1).font = { bold: true };

  for (const row of rows) {
    const values: Record<string, ExcelJS.CellValue> = {};
    columns.forEach((c, i) => {
      const raw = row[c.key];
      const key = `c${i}`;
      if (c.type === "money") {
        const minor = moneyValue(raw, c);
        if (minor === null) return;
        const text = minorToDecimalString(minor, digits[i]!);
        // The one place a string becomes a JS number: the cell boundary, only while exact.
        values[key] = (minor < 0n ? -minor : minor) < EXACT_LIMIT ? Number(text) : text;
      } else if (c.type === "date") {
        const at = dateValue(raw, c);
        // exceljs writes a Date's UTC fields; give it the tenant's wall clock in them.
        if (at) values[key] = wallClockInZone(at, tenant.timeZone);
      } else if (c.type === "integer") {
        const n = integerValue(raw, c);
        if (n === null) return;
        values[key] = (n < 0n ? -n : n) < EXACT_INTEGER_LIMIT ? Number(n) : n.toString();
      } else {
        const text = safeText(raw);
        values[key] = text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
      }
    });
    sheet.addRow(values);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } };
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
