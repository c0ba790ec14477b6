"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataTableQuery } from "@/components/data-table/data-table";
import { StatusBadge } from "@/components/status-badge";
import { BILLING_MODE_LABELS, formatDateTime, formatPercentBp, ROLE_LABELS, STATUS_LABELS, toChoices } from "@/components/format";
import type { OperatorRow } from "@/lib/operators/list-operators";

type Props = {
  rows: OperatorRow[];
  total: number;
  query: DataTableQuery;
  timeZone: string;
  /** Base path of the detail pages, e.g. /admin/operators. */
  basePath: string;
  roles: string[];
};

export function OperatorsTable({ rows, total, query, timeZone, basePath, roles }: Props) {
  const columns: ColumnDef<OperatorRow>[] = [
    {
      id: "name",
      header: "Name",
      cell: ({ row }) => (
        <Link href={`${basePath}/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
          {row.original.name}
        </Link>
      ),
    },
    { id: "email", header: "Email", accessorKey: "email" },
    { id: "role", header: "Role", cell: ({ row }) => ROLE_LABELS[row.original.role] ?? row.original.role },
    { id: "parent", header: "Parent", enableSorting: false, cell: ({ row }) => row.original.parentName ?? "—" },
    {
      id: "commissionShareBp",
      header: "Commission",
      meta: { className: "text-right" },
      cell: ({ row }) => (row.original.role === "RESELLER" || row.original.role === "SUB_RESELLER" ? formatPercentBp(row.original.commissionShareBp) : "—"),
    },
    {
      id: "billingMode",
      header: "Billing",
      enableSorting: false,
      cell: ({ row }) => (row.original.role === "RESELLER" || row.original.role === "SUB_RESELLER" ? BILLING_MODE_LABELS[row.original.billingMode] : "—"),
    },
    { id: "customers", header: "Customers", enableSorting: false, meta: { className: "text-right" }, cell: ({ row }) => row.original.customerCount },
    { id: "status", header: "Status", cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    { id: "createdAt", header: "Created", cell: ({ row }) => formatDateTime(row.original.createdAt, timeZone) },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      total={total}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search name or email"
      emptyMessage="No operators match."
      filters={[
        ...(roles.length > 1 ? [{ id: "role", label: "Role", options: toChoices(ROLE_LABELS, roles) }] : []),
        { id: "status", label: "Status", options: toChoices(STATUS_LABELS, ["ACTIVE", "SUSPENDED", "DISABLED"]) },
      ]}
    />
  );
}
