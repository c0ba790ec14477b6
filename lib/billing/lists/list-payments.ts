// The payment list for /admin/billing/payments, one page at a time, and the same filtered list
// as a CSV or XLSX file.
import type { OperatorActor } from "@/lib/audit/actor";
import { Prisma, type Tx } from "@/lib/db";
import type { ListResult } from "@/lib/lists/list-query";
import type { ExportColumn } from "@/lib/documents/export-columns";
import type { BillingListQuery } from "./billing-list-query";
import { exportList, listBillingPage, type BillingList, type ExportFile, type ExportFormat } from "./render-export";
import { eqSql, localRangeSql, resellerSql, searchSql, visibleCustomersSql } from "./list-sql";

export const PAYMENT_LIST_SPEC = {
  sortable: ["receipt", "receivedAt", "customer", "method", "amount", "status"] as const,
  defaultSort: "receivedAt",
  defaultDir: "desc" as const,
  filters: { method: ["CASH", "BANK_TRANSFER", "MOBILE_MONEY", "CARD", "GATEWAY", "RESELLER_WALLET", "VOUCHER", "OTHER"], status: ["RECEIVED", "REVERSED"] },
};
export const PAYMENT_ID_FILTERS = ["collector", "package", "reseller"] as const;

export type PaymentListRow = {
  id: string;
  receiptNumber: string;
  receivedAt: Date;
  customerId: string;
  customerName: string;
  customerUsername: string;
  ownerName: string | null;
  packageName: string | null;
  method: string;
  status: string;
  currency: string;
  amountMinor: bigint;
  reference: string | null;
  collectorName: string | null;
};

const SORT_SQL: Record<string, Prisma.Sql> = {
  receipt: Prisma.sql`p.receipt_number`,
  receivedAt: Prisma.sql`p.received_at`,
  customer: Prisma.sql`c.name`,
  method: Prisma.sql`p.method`,
  amount: Prisma.sql`p.amount_minor`,
  status: Prisma.sql`p.status`,
};

function whereSql(actor: OperatorActor, query: BillingListQuery, timeZone: string): Prisma.Sql {
  return Prisma.join(
    [
      Prisma.sql`p.tenant_id = ${actor.tenantId}::uuid`,
      visibleCustomersSql(actor),
      eqSql(Prisma.sql`p.method::text`, query.filters.method),
      eqSql(Prisma.sql`p.status::text`, query.filters.status),
      eqSql(Prisma.sql`p.collected_by_id`, query.ids.collector, "uuid"),
      eqSql(Prisma.sql`c.package_id`, query.ids.package, "uuid"),
      resellerSql(query.ids.reseller),
      localRangeSql(Prisma.sql`p.received_at`, query, timeZone),
      searchSql(query.q, [Prisma.sql`c.username`, Prisma.sql`c.name`, Prisma.sql`p.receipt_number`, Prisma.sql`p.reference`]),
    ],
    " AND ",
  );
}

const FROM = Prisma.sql`FROM payments p JOIN customers c ON c.id = p.customer_id LEFT JOIN operators o ON o.id = c.operator_id`;

async function selectPage(tx: Tx, where: Prisma.Sql, query: BillingListQuery, skip: number, take: number): Promise<PaymentListRow[]> {
  const dir = Prisma.raw(query.dir === "desc" ? "DESC NULLS LAST" : "ASC NULLS FIRST");
  const order = SORT_SQL[query.sort] ?? SORT_SQL.receivedAt!;
  return tx.$queryRaw<PaymentListRow[]>`
    SELECT p.id, p.receipt_number AS "receiptNumber", p.received_at AS "receivedAt", p.customer_id AS "customerId", c.name AS "customerName",
           c.username AS "customerUsername", o.name AS "ownerName", pk.name AS "packageName", p.method::text AS method, p.status::text AS status,
           p.currency, p.amount_minor AS "amountMinor", p.reference, col.name AS "collectorName"
      ${FROM} LEFT JOIN packages pk ON pk.id = c.package_id LEFT JOIN operators col ON col.id = p.collected_by_id
     WHERE ${where}
     ORDER BY ${order} ${dir}, p.created_at ${dir}, p.id
     OFFSET ${skip} LIMIT ${take}`;
}

export function listPayments(actor: OperatorActor, query: BillingListQuery): Promise<ListResult<PaymentListRow>> {
  return listBillingPage(actor, query, LIST);
}

const COLUMNS: ExportColumn[] = [
  { header: "Receipt", key: "receiptNumber", type: "text" },
  { header: "Received", key: "receivedAt", type: "date", withTime: true },
  { header: "Customer", key: "customerName", type: "text" },
  { header: "Username", key: "customerUsername", type: "text" },
  { header: "Reseller", key: "ownerName", type: "text" },
  { header: "Package", key: "packageName", type: "text" },
  { header: "Method", key: "method", type: "text" },
  { header: "Amount", key: "amountMinor", type: "money" },
  { header: "Reference", key: "reference", type: "text" },
  { header: "Collector", key: "collectorName", type: "text" },
  { header: "Status", key: "status", type: "text" },
];

const LIST: BillingList<PaymentListRow> = { what: "payments", columns: COLUMNS, from: FROM, where: whereSql, page: selectPage };

/** Every row of the filtered list (read in batches, in the list's order) as one file. */
export function exportPayments(actor: OperatorActor, query: BillingListQuery, format: ExportFormat): Promise<ExportFile> {
  return exportList(actor, query, format, LIST);
}
