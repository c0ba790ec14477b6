// The billing lists' shared reading: one page with its capped count (listBillingPage), and the
// whole filtered list as one CSV or XLSX file named after the tenant's legal name and the day it
// was made, in the tenant's zone (exportList). Each list (list-invoices.ts, list-payments.ts)
// says how it filters, reads a page and which columns it exports.
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { Prisma, withTenant, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { cappedTotal, countLimit, type ListResult } from "@/lib/lists/list-query";
import { toCsvExport } from "@/lib/documents/csv-export";
import { toXlsx } from "@/lib/documents/xlsx";
import type { ExportColumn } from "@/lib/documents/export-columns";
import { renderTablePdf } from "@/lib/documents/table-pdf";
import type { DocumentTenant } from "@/lib/documents/types";
import { localDate } from "../calc/cycle";
import { billingContext } from "../billing-context";
import type { BillingListQuery } from "./billing-list-query";
import { EXPORT_BATCH, EXPORT_MAX_ROWS, fileNamePart } from "./list-sql";

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

/**
 * A report as the file asked for: CSV or XLSX through renderExport, or a PDF table with a title
 * and a few lines about it (lib/documents/table-pdf.ts), all from the same columns and rows.
 */
export async function renderReportFile(
  what: string,
  columns: ExportColumn[],
  rows: object[],
  tenant: DocumentTenant,
  format: ExportFormat | "pdf",
  pdf: { title: string; lines?: string[] },
): Promise<ExportFile> {
  if (format !== "pdf") return renderExport(what, columns, rows, { name: tenant.legalName || tenant.name, locale: tenant.locale, timeZone: tenant.timeZone, currency: tenant.currency }, format);
  const body = await renderTablePdf({ ...pdf, columns, rows }, tenant);
  return { fileName: `${what}.pdf`, contentType: "application/pdf", body };
}

/** A billing list (invoices, payments): how it filters, reads a page and counts, and its export columns. */
export interface BillingList<Row> {
  /** The list's plural noun: the file name, the sheet and the "too many" message. */
  what: string;
  columns: ExportColumn[];
  /** The FROM clause the count runs over (the page may join more). */
  from: Prisma.Sql;
  where: (actor: OperatorActor, query: BillingListQuery, timeZone: string) => Prisma.Sql;
  page: (tx: Tx, where: Prisma.Sql, query: BillingListQuery, skip: number, take: number) => Promise<Row[]>;
}

/** One page of a list, and its total counted up to the cap. */
export async function listBillingPage<Row>(actor: OperatorActor, query: BillingListQuery, list: BillingList<Row>): Promise<ListResult<Row>> {
  assertCan(actor, "billing:view");
  return withTenant(actor.tenantId, async (tx) => {
    const ctx = await billingContext(tx, actor.tenantId);
    const where = list.where(actor, query, ctx.timeZone);
    const limit = countLimit(query);
    const rows = await list.page(tx, where, query, query.skip, query.take);
    const counted = await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM (SELECT 1 ${list.from} WHERE ${where} LIMIT ${limit}) s`;
    return { rows, ...cappedTotal(Number(counted[0]!.n), limit) };
  });
}

/** Every row of a filtered list (read in batches, in the list's order) as one file. */
export async function exportList<Row extends object>(actor: OperatorActor, query: BillingListQuery, format: ExportFormat, list: BillingList<Row>): Promise<ExportFile> {
  assertCan(actor, "billing:view");
  const { rows, tenant } = await withTenant(actor.tenantId, async (tx) => {
    const ctx = await billingContext(tx, actor.tenantId);
    const where = list.where(actor, query, ctx.timeZone);
    const all: Row[] = [];
    for (let skip = 0; ; skip += EXPORT_BATCH) {
      const batch = await list.page(tx, where, query, skip, EXPORT_BATCH);
      all.push(...batch);
      if (all.length > EXPORT_MAX_ROWS) {
        throw new AppError("VALIDATION", { userMessage: `More than ${EXPORT_MAX_ROWS.toLocaleString("en-US")} ${list.what} match: narrow the dates or filters and export again.` });
      }
      if (batch.length < EXPORT_BATCH) break;
    }
    const t = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { name: true } });
    return { rows: all, tenant: { name: ctx.settings.legalName || t.name, locale: ctx.locale, timeZone: ctx.timeZone, currency: ctx.currency } };
  });
  return renderExport(list.what, list.columns, rows, tenant, format);
}
