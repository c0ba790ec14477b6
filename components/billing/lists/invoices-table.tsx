"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataTableFilter, type DataTableQuery } from "@/components/data-table/data-table";
import { INVOICE_KIND_LABELS, type InvoiceTableRow } from "./billing-rows";
import { MoneyStatusBadge } from "./money-status-badge";

type Props = { rows: InvoiceTableRow[]; total: number; totalIsLowerBound?: boolean; query: DataTableQuery; timeZone: string; filters: DataTableFilter[] };

const day = (iso: string | null, timeZone: string) => (iso ? new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone }).format(new Date(iso)) : "—");
const right = { className: "text-right tabular-nums" };

export function InvoicesTable({ rows, total, totalIsLowerBound, query, timeZone, filters }: Props) {
  const columns: ColumnDef<InvoiceTableRow>[] = [
    {
      id: "number",
      header: "Number",
      cell: ({ row }) => (
        <span className="font-mono">
          {row.original.number ?? <span className="text-gray-500">Draft</span>}
          {row.original.kind === "CREDIT_NOTE" && <span className="ml-2 text-xs text-gray-500">{INVOICE_KIND_LABELS.CREDIT_NOTE}</span>}
        </span>
      ),
    },
    {
      id: "customer",
      header: "Customer",
      cell: ({ row }) => (
        <Link href={`/admin/customers/${row.original.customerId}`} className="font-medium text-indigo-700 hover:underline">
          {row.original.customerName}
          <span className="ml-1 font-mono text-xs text-gray-500">{row.original.customerUsername}</span>
        </Link>
      ),
    },
    { id: "issuedAt", header: "Issued", cell: ({ row }) => day(row.original.issuedAt, timeZone) },
    { id: "dueAt", header: "Due", cell: ({ row }) => day(row.original.dueAt, timeZone) },
    { id: "total", header: "Total", meta: right, cell: ({ row }) => row.original.total },
    { id: "paid", header: "Paid", meta: right, cell: ({ row }) => row.original.paid },
    { id: "balance", header: "Balance", meta: right, cell: ({ row }) => <span className={row.original.owes ? "font-semibold text-gray-900" : "text-gray-500"}>{row.original.balance}</span> },
    { id: "status", header: "Status", cell: ({ row }) => <MoneyStatusBadge status={row.original.status} /> },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      total={total}
      totalIsLowerBound={totalIsLowerBound}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search customer or number"
      emptyMessage="No invoices match."
      filters={filters}
    />
  );
}
