"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataTableQuery } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { formatMoney, toChoices } from "@/components/format";
import type { PackageRow } from "@/lib/packages/list-packages";

export const PACKAGE_STATUS_LABELS: Record<string, string> = { ACTIVE: "Active", ARCHIVED: "Archived" };
export const CONNECTION_TYPE_LABELS: Record<string, string> = { PPPOE: "PPPoE", HOTSPOT: "Hotspot", STATIC: "Static" };
export const VALIDITY_UNIT_LABELS: Record<string, string> = { HOUR: "Hours", DAY: "Days", WEEK: "Weeks", MONTH: "Months" };
export const CAP_ACTION_LABELS: Record<string, string> = { CUT_OFF: "Cut off", THROTTLE: "Throttle" };

const UNIT_NOUN: Record<string, [string, string]> = { HOUR: ["hour", "hours"], DAY: ["day", "days"], WEEK: ["week", "weeks"], MONTH: ["month", "months"] };

export function formatValidity(value: number, unit: string): string {
  const [one, many] = UNIT_NOUN[unit] ?? [unit.toLowerCase(), unit.toLowerCase()];
  return `${value} ${value === 1 ? one : many}`;
}

export function PackageStatusBadge({ status }: { status: string }) {
  return <Badge tone={status === "ACTIVE" ? "green" : "neutral"}>{PACKAGE_STATUS_LABELS[status] ?? status}</Badge>;
}

type Props = {
  rows: PackageRow[];
  total: number;
  query: DataTableQuery;
  /** Staff see the tiers' buy prices, visibility and archived packages; resellers their cost and margin. */
  staff: boolean;
  basePath: string;
};

/** A money column from a row's minor units ("—" when unset). */
function moneyColumn(id: string, header: string, value: (row: PackageRow) => string | null): ColumnDef<PackageRow> {
  return {
    id,
    header,
    enableSorting: false,
    meta: { className: "text-right" },
    cell: ({ row }) => {
      const minor = value(row.original);
      return minor === null ? "—" : formatMoney(BigInt(minor), row.original.currency);
    },
  };
}

export function PackagesTable({ rows, total, query, staff, basePath }: Props) {
  const columns: ColumnDef<PackageRow>[] = [
    {
      id: "name",
      header: "Name",
      cell: ({ row }) =>
        staff ? (
          <Link href={`${basePath}/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
            {row.original.name}
          </Link>
        ) : (
          <span className="font-medium text-gray-900">{row.original.name}</span>
        ),
    },
    {
      id: "price",
      header: staff ? "Price" : "Customer price",
      meta: { className: "text-right" },
      cell: ({ row }) => formatMoney(BigInt(row.original.priceMinor), row.original.currency),
    },
    ...(staff
      ? [moneyColumn("resellerPrice", "Reseller buys at", (r) => r.resellerPriceMinor), moneyColumn("subResellerPrice", "Sub-reseller buys at", (r) => r.subResellerPriceMinor)]
      : [moneyColumn("cost", "Your cost", (r) => r.costMinor), moneyColumn("margin", "Your margin", (r) => r.marginMinor)]),
    { id: "validity", header: "Validity", enableSorting: false, cell: ({ row }) => formatValidity(row.original.validityValue, row.original.validityUnit) },
    {
      id: "rateDown",
      header: "Speed (down / up)",
      cell: ({ row }) => (
        <span className="font-mono">
          {row.original.rateDown} / {row.original.rateUp}
        </span>
      ),
    },
    {
      id: "dataCap",
      header: "Data cap",
      enableSorting: false,
      cell: ({ row }) =>
        row.original.dataCapGb === null
          ? "Unlimited"
          : `${row.original.dataCapGb} GB${row.original.dataCapAction ? ` (${CAP_ACTION_LABELS[row.original.dataCapAction]?.toLowerCase() ?? row.original.dataCapAction})` : ""}`,
    },
    {
      id: "connectionTypes",
      header: "Connections",
      enableSorting: false,
      cell: ({ row }) => row.original.connectionTypes.map((t) => CONNECTION_TYPE_LABELS[t] ?? t).join(", "),
    },
    ...(staff
      ? [
          {
            id: "resellerVisible",
            header: "Resellers",
            enableSorting: false,
            cell: ({ row }) => (row.original.resellerVisible ? "Sold" : "Not sold"),
          } satisfies ColumnDef<PackageRow>,
        ]
      : []),
    { id: "customers", header: "Customers", enableSorting: false, meta: { className: "text-right" }, cell: ({ row }) => row.original.customerCount },
    ...(staff ? [{ id: "status", header: "Status", cell: ({ row }) => <PackageStatusBadge status={row.original.status} /> } satisfies ColumnDef<PackageRow>] : []),
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      total={total}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search package name"
      emptyMessage="No packages match."
      filters={[
        ...(staff ? [{ id: "status", label: "Status", options: toChoices(PACKAGE_STATUS_LABELS) }] : []),
        { id: "connectionType", label: "Connection", options: toChoices(CONNECTION_TYPE_LABELS) },
      ]}
    />
  );
}
