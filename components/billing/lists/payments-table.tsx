"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataTableFilter, type DataTableQuery } from "@/components/data-table/data-table";
import { formatDateTime } from "@/components/format";
import { PAYMENT_METHOD_LABELS, type PaymentTableRow } from "./billing-rows";
import { MoneyStatusBadge } from "./money-status-badge";

type Props = { rows: PaymentTableRow[]; total: number; totalIsLowerBound?: boolean; query: DataTableQuery; timeZone: string; filters: DataTableFilter[] };

export function PaymentsTable({ rows, total, totalIsLowerBound, query, timeZone, filters }: Props) {
  const columns: ColumnDef<PaymentTableRow>[] = [
    { id: "receipt", header: "Receipt", cell: ({ row }) => <span className="font-mono">{row.original.receiptNumber}</span> },
    { id: "receivedAt", header: "Received", cell: ({ row }) => formatDateTime(row.original.receivedAt, timeZone) },
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
    { id: "method", header: "Method", cell: ({ row }) => PAYMENT_METHOD_LABELS[row.original.method] ?? row.original.method },
    { id: "amount", header: "Amount", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => <span className={row.original.status === "REVERSED" ? "text-gray-500 line-through" : ""}>{row.original.amount}</span> },
    { id: "reference", header: "Reference", enableSorting: false, cell: ({ row }) => row.original.reference ?? "—" },
    { id: "collector", header: "Collector", enableSorting: false, cell: ({ row }) => row.original.collectorName ?? "—" },
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
      searchPlaceholder="Search customer, receipt or reference"
      emptyMessage="No payments match."
      filters={filters}
    />
  );
}
