"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataTableQuery } from "@/components/data-table/data-table";
import { formatDateTime } from "@/components/format";
import { formatBytes, formatSeconds } from "@/components/units";
import type { ActionState } from "@/lib/next/action-state";
import type { OnlineSessionRow } from "@/lib/radius/list-online-sessions";
import { SessionDisconnectButton } from "./session-disconnect-button";

type Props = {
  rows: OnlineSessionRow[];
  total: number;
  query: DataTableQuery;
  timeZone: string;
  /** Router filter choices; none hides the filter. */
  routers: { id: string; name: string }[];
  customersPath: string;
  /** Hide the router column (a router's own page, or a reseller who does not manage routers). */
  showRouter?: boolean;
  /** The customer disconnect action: each row of a known customer gets a button. */
  disconnect?: (prev: ActionState, form: FormData) => Promise<ActionState>;
};

export function OnlineSessionsTable({ rows, total, query, timeZone, routers, customersPath, showRouter = true, disconnect }: Props) {
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
    ...(showRouter ? [{ id: "router", header: "Router", enableSorting: false, cell: ({ row }) => row.original.routerName } as ColumnDef<OnlineSessionRow>] : []),
    { id: "framedIp", header: "Address", enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs">{row.original.framedIp ?? "—"}</span> },
    { id: "device", header: "Device", enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs">{row.original.callingStationId ?? "—"}</span> },
    { id: "acctstarttime", header: "Since", cell: ({ row }) => (row.original.start ? formatDateTime(row.original.start, timeZone) : "—") },
    { id: "uptime", header: "Uptime", enableSorting: false, meta: { className: "text-right" }, cell: ({ row }) => formatSeconds(row.original.seconds) },
    { id: "acctoutputoctets", header: "Down", meta: { className: "text-right" }, cell: ({ row }) => formatBytes(BigInt(row.original.bytesDown)) },
    { id: "acctinputoctets", header: "Up", meta: { className: "text-right" }, cell: ({ row }) => formatBytes(BigInt(row.original.bytesUp)) },
    { id: "acctupdatetime", header: "Last update", cell: ({ row }) => (row.original.lastUpdate ? formatDateTime(row.original.lastUpdate, timeZone) : "—") },
  ];
  if (disconnect) {
    columns.push({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      enableSorting: false,
      meta: { className: "text-right" },
      cell: ({ row }) =>
        row.original.customerId ? <SessionDisconnectButton action={disconnect} customerId={row.original.customerId} username={row.original.username} /> : null,
    });
  }
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
