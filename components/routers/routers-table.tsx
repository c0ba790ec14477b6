"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataTableQuery } from "@/components/data-table/data-table";
import { StatusBadge } from "@/components/status-badge";
import { formatDateTime, STATUS_LABELS, toChoices } from "@/components/format";
import type { RouterRow } from "@/lib/routers/list-routers";

type Props = { rows: RouterRow[]; total: number; query: DataTableQuery; timeZone: string; basePath: string };

export function RoutersTable({ rows, total, query, timeZone, basePath }: Props) {
  const columns: ColumnDef<RouterRow>[] = [
    {
      id: "name",
      header: "Name",
      cell: ({ row }) => (
        <Link href={`${basePath}/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
          {row.original.name}
        </Link>
      ),
    },
    { id: "nasIp", header: "NAS IP", cell: ({ row }) => <span className="font-mono">{row.original.nasIp}</span> },
    { id: "site", header: "Site", cell: ({ row }) => row.original.site ?? "—" },
    { id: "status", header: "Status", cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    { id: "coaPort", header: "CoA port", meta: { className: "text-right" }, cell: ({ row }) => row.original.coaPort },
    { id: "sessions", header: "Online", enableSorting: false, meta: { className: "text-right" }, cell: ({ row }) => row.original.openSessions },
    { id: "createdAt", header: "Added", cell: ({ row }) => formatDateTime(row.original.createdAt, timeZone) },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      total={total}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search name, site or exact IP"
      emptyMessage="No routers match."
      filters={[{ id: "status", label: "Status", options: toChoices(STATUS_LABELS, ["ACTIVE", "DISABLED"]) }]}
    />
  );
}
