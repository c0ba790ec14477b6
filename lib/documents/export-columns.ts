// The column model shared by the XLSX and CSV exports, and the one rule for text cells: a value
// that a spreadsheet would run as a formula (leading = + - @, or a tab / CR) gets a leading '.
import { AppError } from "@/lib/errors";
import type { DocumentTenant } from "./types";

export type ExportColumnType = "text" | "money" | "date" | "integer";

export type ExportColumn = {
  header: string;
  key: string;
  type: ExportColumnType;
  /** For money columns; the tenant's currency when absent. */
  currency?: string;
  /** For date columns: also print the time of day (in the tenant's zone). */
  withTime?: boolean;
};

export type ExportOptions = { tenant: Pick<DocumentTenant, "locale" | "timeZone" | "currency"> };

// XML 1.0 cannot carry these; Excel calls a file with them corrupt.
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function safeText(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = (typeof value === "string" ? value : String(value)).replace(NOT_IN_XML, "");
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function moneyValue(value: unknown, column: ExportColumn): bigint | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "bigint") {
    throw new AppError("INTERNAL", { userMessage: `The export column "${column.header}" holds money and needs bigint minor units.` });
  }
  return value;
}

export function dateValue(value: unknown, column: ExportColumn): Date | null {
  if (value === null || value === undefined) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new AppError("INTERNAL", { userMessage: `The export column "${column.header}" holds dates and needs Date values.` });
  }
  return value;
}

export function integerValue(value: unknown, column: ExportColumn): bigint | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  throw new AppError("INTERNAL", { userMessage: `The export column "${column.header}" holds whole numbers.` });
}
