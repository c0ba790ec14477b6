// The invoice list (invoices and credit notes) for /admin/billing/invoices, one page at a time,
// and the same filtered list as a CSV or XLSX file for the accountant.
import type { OperatorActor } from "@/lib/audit/actor";
import { Prisma, type Tx } from "@/lib/db";
import type { ListResult } from "@/lib/lists/list-query";
import type { ExportColumn } from "@/lib/documents/export-columns";
import type { BillingListQuery } from "./billing-list-query";
import { exportList, listBillingPage, type BillingList, type ExportFile, type ExportFormat } from "./render-export";
import { eqSql, localRangeSql, resellerSql, searchSql, visibleCustomersSql } from "./list-sql";

export const INVOICE_LIST_SPEC = {
  sortable: ["number", "customer", "issuedAt", "dueAt", "total", "paid", "balance", "status"] as const,
  defaultSort: "issuedAt",
  defaultDir: "desc" as const,
  filters: { status: ["DRAFT", "ISSUED", "PARTIALLY_PAID", "PAID", "VOID"], kind: ["INVOICE", "CREDIT_NOTE"] },
};
export const INVOICE_ID_FILTERS = ["package", "reseller"] as const;

export type InvoiceListRow = {
  id: string;
  kind: "INVOICE" | "CREDIT_NOTE";
  status: string;
  number: string | null;
  customerId: string;
  customerName: string;
  customerUsername: string;
  ownerName: string | null;
  packageName: string | null;
  issuedAt: Date | null;
  dueAt: Date | null;
  currency: string;
  totalMinor: bigint;
  paidMinor: bigint;
  /** What is still owed: total - paid on an open invoice, 0 on a draft, void or credit note. */
  balanceMinor: bigint;
};

const BALANCE = Prisma.sql`(CASE WHEN i.kind = 'INVOICE' AND i.status IN ('ISSUED', 'PARTIALLY_PAID') THEN i.total_minor - i.paid_minor ELSE 0 END)`;

const SORT_SQL: Record<string, Prisma.Sql> = {
  number: Prisma.sql`i.number`,
  customer: Prisma.sql`c.name`,
  issuedAt: Prisma.sql`i.issued_at`,
  dueAt: Prisma.sql`i.due_at`,
  total: Prisma.sql`i.total_minor`,
  paid: Prisma.sql`i.paid_minor`,
  balance: BALANCE,
  status: Prisma.sql`i.status`,
};

function whereSql(actor: OperatorActor, query: BillingListQuery, timeZone: string): Prisma.Sql {
  return Prisma.join(
    [
      Prisma.sql`i.tenant_id = ${actor.tenantId}::uuid`,
      visibleCustomersSql(actor),
      eqSql(Prisma.sql`i.status::text`, query.filters.status),
      eqSql(Prisma.sql`i.kind::text`, query.filters.kind),
      eqSql(Prisma.sql`coalesce(i.package_id, c.package_id)`, query.ids.package, "uuid"),
      resellerSql(query.ids.reseller),
      // A draft has no issue date; a date range shows issued documents only.
      localRangeSql(Prisma.sql`i.issued_at`, query, timeZone),
      searchSql(query.q, [Prisma.sql`c.username`, Prisma.sql`c.name`, Prisma.sql`i.number`]),
    ],
    " AND ",
  );
}

const FROM = Prisma.sql`FROM invoices i JOIN customers c ON c.id = i.customer_id LEFT JOIN operators o ON o.id = c.operator_id`;

async function selectPage(tx: Tx, where: Prisma.Sql, query: BillingListQuery, skip: number, take: number): Promise<InvoiceListRow[]> {
  const dir = Prisma.raw(query.dir === "desc" ? "DESC NULLS LAST" : "ASC NULLS FIRST");
  const order = SORT_SQL[query.sort] ?? SORT_SQL.issuedAt!;
  return tx.$queryRaw<InvoiceListRow[]>`
    SELECT i.id, i.kind::text AS kind, i.status::text AS status, i.number, i.customer_id AS "customerId", c.name AS "customerName",
           c.username AS "customerUsername", o.name AS "ownerName", p.name AS "packageName", i.issued_at AS "issuedAt", i.due_at AS "dueAt",
           i.currency, i.total_minor AS "totalMinor", i.paid_minor AS "paidMinor", ${BALANCE} AS "balanceMinor"
      ${FROM} LEFT JOIN packages p ON p.id = coalesce(i.package_id, c.package_id)
     WHERE ${where}
     ORDER BY ${order} ${dir}, i.created_at ${dir}, i.id
     OFFSET ${skip} LIMIT ${take}`;
}

export function listInvoices(actor: OperatorActor, query: BillingListQuery): Promise<ListResult<InvoiceListRow>> {
  return listBillingPage(actor, query, LIST);
}

const COLUMNS: ExportColumn[] = [
  { header: "Number", key: "number", type: "text" },
  { header: "Kind", key: "kind", type: "text" },
  { header: "Status", key: "status", type: "text" },
  { header: "Customer", key: "customerName", type: "text" },
  { header: "Username", key: "customerUsername", type: "text" },
  { header: "Reseller", key: "ownerName", type: "text" },
  { header: "Package", key: "packageName", type: "text" },
  { header: "Issued", key: "issuedAt", type: "date" },
  { header: "Due", key: "dueAt", type: "date" },
  { header: "Total", key: "totalMinor", type: "money" },
  { header: "Paid", key: "paidMinor", type: "money" },
  { header: "Balance", key: "balanceMinor", type: "money" },
];

const LIST: BillingList<InvoiceListRow> = { what: "invoices", columns: COLUMNS, from: FROM, where: whereSql, page: selectPage };

/** Every row of the filtered list (read in batches, in the list's order) as one file. */
export function exportInvoices(actor: OperatorActor, query: BillingListQuery, format: ExportFormat): Promise<ExportFile> {
  return exportList(actor, query, format, LIST);
}
