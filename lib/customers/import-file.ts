// A customers CSV as rows: the header checked, each data row's cells by column, each with the line
// it starts on, and the lines the CSV reader could not read (a broken quote).
import { readCsv } from "@/lib/csv/csv";
import { AppError } from "@/lib/errors";

export const IMPORT_COLUMNS = ["username", "password", "name", "mobile", "email", "address", "connection_type", "package", "expires_at", "static_ip", "mac", "mac_lock", "status", "notes"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_BYTES = 10_000_000;

export type ImportProblem = { line: number; username: string; field: string; message: string };
export type ImportRow = { line: number; get: (column: ImportColumn) => string; hasNul: boolean };
export type ImportFile = { rows: ImportRow[]; problems: ImportProblem[] };

/** Reads the file; a wrong header, too many rows or an empty file refuses the whole file. */
export function readImportFile(text: string): ImportFile {
  if (text.length > MAX_IMPORT_BYTES) throw new AppError("VALIDATION", { fieldErrors: { file: ["At most 10 MB."] } });
  const { records, problems } = readCsv(text);
  const head = records[0];
  if (!head) throw new AppError("VALIDATION", { fieldErrors: { file: ["The file is empty."] } });
  const header = head.cells.map((h) => h.trim().toLowerCase().replace(/\s+/g, "_"));
  const unknown = header.filter((h) => h && !(IMPORT_COLUMNS as readonly string[]).includes(h));
  const missing = ["username", "password", "name"].filter((h) => !header.includes(h));
  if (unknown.length || missing.length) {
    const parts = [...(missing.length ? [`missing ${missing.join(", ")}`] : []), ...(unknown.length ? [`unknown ${unknown.join(", ")}`] : [])];
    throw new AppError("VALIDATION", { fieldErrors: { file: [`Header: ${parts.join("; ")}. Columns: ${IMPORT_COLUMNS.join(", ")}.`] } });
  }
  if (records.length - 1 > MAX_IMPORT_ROWS) throw new AppError("VALIDATION", { fieldErrors: { file: [`At most ${MAX_IMPORT_ROWS.toLocaleString("en")} rows per file.`] } });
  const index = new Map(header.map((h, i) => [h, i]));
  const rows = records.slice(1).map(({ line, cells }) => ({
    line,
    get: (column: ImportColumn) => {
      const i = index.get(column);
      return i === undefined ? "" : (cells[i] ?? "").trim();
    },
    // PostgreSQL text cannot hold NUL: refused per line rather than failing the whole batch.
    hasNul: cells.some((c) => c.includes("\u0000")),
  }));
  return { rows, problems: problems.map((p) => ({ line: p.line, username: "", field: "row", message: p.message })) };
}
