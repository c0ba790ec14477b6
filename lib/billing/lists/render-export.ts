// One list, one file: the CSV or XLSX of an exported billing list, named after the tenant's
// legal name and the day it was made (in the tenant's zone).
import { toCsvExport } from "@/lib/documents/csv-export";
import { toXlsx } from "@/lib/documents/xlsx";
import type { ExportColumn } from "@/lib/documents/export-columns";
import { localDate } from "../calc/cycle";
import { fileNamePart } from "./list-sql";

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportFile = { fileName: string; contentType: string; body: Buffer };

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type ExportTenant = { name: string; locale: string; timeZone: string; currency: string };

export async function renderExport(what: string, columns: ExportColumn[], rows: object[], tenant: ExportTenant, format: ExportFormat): Promise<ExportFile> {
  const fileName = `${fileNamePart(tenant.name)}-${what}-${localDate(new Date(), tenant.timeZone)}.${format}`;
  const records = rows as Record<string, unknown>[];
  if (format === "xlsx") {
    const sheet = `${what[0]!.toUpperCase()}${what.slice(1)}`;
    return { fileName, contentType: XLSX_TYPE, body: await toXlsx(sheet, columns, records, { tenant }) };
  }
  return { fileName, contentType: "text/csv; charset=utf-8", body: Buffer.from(toCsvExport(columns, records, { tenant }), "utf8") };
}
