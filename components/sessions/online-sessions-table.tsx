"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataTableQuery } from "@/components/data-table/data-table";
import { formatDateTime } from "@/components/format";
import { formatBytes, formatSeconds } from "@/components/units";
import type { OnlineSessionRow } from "@/lib/radius/list-online-sessions";

type Props = { rows: OnlineSessionRow[]; total: number; query: DataTableQuery; timeZone: string; routers: { id: string; name: string }[]; customersPath: string };

export function OnlineSessionsTable({ rows, total, query, timeZone, routers, customersPath }: Props) {
  const columns: ColumnDef<OnlineSessionRow>[] = [
    {
      id: "username",
      header: "Customer",
      cell: ({ row }) =>
        row.original.customerId ? (
          <Link href={`${customersPath}/${row.original.customerId}`} className="font-mono font-medium text-indigo-700 hover:underline">
            {row.original.username}
          </Link>
        ) : (
          <span className="font-mono">{row.original.username}</span>
        ),
    },
    { id: "router", header: "Router", enableSorting: false, cell: ({ row }) => row.original.routerName },
    { id: "framedIp", header: "Address", enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs">{row.original.framedIp ?? "—"}</span> },
    { id: "device", header: "Device", enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs">{row.original.callingStationId ?? "—"}</span> },
    { id: "acctstarttime", header: "Since", cell: ({ row }) => (row.original.start ? formatDateTime(row.original.start, timeZone) : "—") },
    { id: "uptime", header: "Uptime", enableSorting: false, meta: { className: "text-right" }, cell: ({ row }) => formatSeconds(row.original.seconds) },
    { id: "acctoutputoctets", header: "Down", meta: { className: "text-right" }, cell: ({ row }) => formatBytes(BigInt(row.original.bytesDown)) },
    { id: "acctinputoctets", header: "Up", meta: { className: "text-right" }, cell: ({ row }) => formatBytes(BigInt(row.original.bytesUp)) },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      total={total}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search username or MAC"
      emptyMessage="Nobody is online."
      filters={routers.length ? [{ id: "router", label: "Router", options: routers.map((r) => ({ value: r.id, label: r.name })) }] : []}
    />
  );
}
