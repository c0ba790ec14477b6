// Lists as CSV for accountants, with the same columns as the XLSX export. lib/csv/csv.ts's toCsv
// prefixes every cell that starts with "-", which would turn a negative amount into text; here
// only text cells are neutralised and amounts stay plain decimals ("-1234.50", no grouping).
// A BOM lets Excel open UTF-8 (Bengali, Cyrillic names) correctly; readCsv strips it.
import { amountDigits, minorToDecimalString, wallClockInZone } from "./format";
import { dateValue, integerValue, moneyValue, safeText, type ExportColumn, type ExportOptions } from "./export-columns";

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function isoLocal(at: Date, timeZone: string, withTime: boolean): string {
  const iso = wallClockInZone(at, timeZone).toISOString();
  return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}

export function toCsvExport(columns: ExportColumn[], rows: Record<string, unknown>[], options: ExportOptions & { bom?: boolean }): string {
  const { tenant } = options;
  const digits = columns.map((c) => (c.type === "money" ? amountDigits(c.currency ?? tenant.currency, tenant.locale) : 0));
  const lines = [columns.map((c) => quote(safeText(c.header))).join(",")];
  for (const row of rows) {
    const cells = columns.map((c, i) => {
      const raw = row[c.key];
      if (c.type === "money") {
        const minor = moneyValue(raw, c);
        return minor === null ? "" : minorToDecimalString(minor, digits[i]!);
      }
      if (c.type === "date") {
        const at = dateValue(raw, c);
        return at ? isoLocal(at, tenant.timeZone, c.withTime ?? false) : "";
      }
      if (c.type === "integer") return integerValue(raw, c)?.toString() ?? "";
      return quote(safeText(raw));
    });
    lines.push(cells.join(","));
  }
  return (options.bom === false ? "" : "\uFEFF") + lines.join("\r\n") + "\r\n";
}
