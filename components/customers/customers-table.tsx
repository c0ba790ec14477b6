"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataTableQuery } from "@/components/data-table/data-table";
import { StatusBadge } from "@/components/status-badge";
import { formatDateTime, STATUS_LABELS, toChoices } from "@/components/format";
import type { CustomerRow } from "@/lib/customers/list-customers";

type Props = { rows: CustomerRow[]; total: number; totalIsLowerBound?: boolean; query: DataTableQuery; timeZone: string; basePath: string; showOwner: boolean; recharge?: boolean };

export function CustomersTable({ rows, total, totalIsLowerBound, query, timeZone, basePath, showOwner, recharge }: Props) {
  const columns: ColumnDef<CustomerRow>[] = [
    {
      id: "username",
      header: "Username",
      cell: ({ row }) => (
        <Link href={`${basePath}/${row.original.id}`} className="font-mono font-medium text-indigo-700 hover:underline">
          {row.original.username}
        </Link>
      ),
    },
    { id: "name", header: "Name", accessorKey: "name" },
    { id: "mobile", header: "Mobile", enableSorting: false, cell: ({ row }) => row.original.mobile ?? "—" },
    ...(showOwner
      ? [{ id: "owner", header: "Owner", enableSorting: false, cell: ({ row }) => row.original.ownerName ?? "ISP" } satisfies ColumnDef<CustomerRow>]
      : []),
    { id: "package", header: "Package", enableSorting: false, cell: ({ row }) => row.original.packageName ?? "—" },
    { id: "status", header: "Status", cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    { id: "expiresAt", header: "Expires", cell: ({ row }) => (row.original.expiresAt ? formatDateTime(row.original.expiresAt, timeZone) : "—") },
    // A reseller's recharge: to the customer's Recharge card, which shows the cost before paying.
    ...(recharge
      ? [
          {
            id: "recharge",
            header: () => <span className="sr-only">Recharge</span>,
            enableSorting: false,
            cell: ({ row }) =>
              row.original.packageName ? (
                <Link href={`${basePath}/${row.original.id}#recharge`} className="text-sm font-medium text-indigo-700 hover:underline" aria-label={`Recharge ${row.original.username}`}>
                  Recharge
                </Link>
              ) : null,
          } satisfies ColumnDef<CustomerRow>,
        ]
      : []),
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      total={total}
      totalIsLowerBound={totalIsLowerBound}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search username, name or mobile"
      emptyMessage="No customers match."
      filters={[
        { id: "status", label: "Status", options: toChoices(STATUS_LABELS) },
        { id: "connectionType", label: "Connection", options: [{ value: "PPPOE", label: "PPPoE" }, { value: "HOTSPOT", label: "Hotspot" }, { value: "STATIC", label: "Static IP" }] },
      ]}
    />
  );
}
