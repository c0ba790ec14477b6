"use client";

// The chart of accounts: code, name, type and balance on the account's normal side, filtered by
// type and searched by code or name (server-side, through the URL like every list).
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataTableQuery } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import type { LedgerAccountRow } from "@/lib/ledger/get-ledger-overview";

export const ACCOUNT_TYPE_LABELS: Record<string, string> = {
  ASSET: "Asset",
  LIABILITY: "Liability",
  EQUITY: "Equity",
  REVENUE: "Revenue",
  EXPENSE: "Expense",
};

const TYPE_OPTIONS = Object.entries(ACCOUNT_TYPE_LABELS).map(([value, label]) => ({ value, label }));

export function LedgerAccountsTable({ rows, total, query }: { rows: LedgerAccountRow[]; total: number; query: DataTableQuery }) {
  const columns: ColumnDef<LedgerAccountRow>[] = [
    {
      id: "code",
      header: "Code",
      // Per-customer codes carry a uuid: let them wrap, and on phones show the name here instead of in its own column.
      meta: { className: "whitespace-normal" },
      cell: ({ row }) => (
        <>
          <code className="block break-all text-xs">{row.original.code}</code>
          <span className="text-xs text-gray-500 md:hidden">{row.original.name}</span>
        </>
      ),
    },
    { id: "name", header: "Name", meta: { className: "hidden md:table-cell" }, cell: ({ row }) => row.original.name },
    { id: "type", header: "Type", cell: ({ row }) => <Badge>{ACCOUNT_TYPE_LABELS[row.original.type] ?? row.original.type}</Badge> },
    {
      id: "balanceMinor",
      header: "Balance",
      meta: { className: "text-right" },
      cell: ({ row }) => (
        <span className="whitespace-nowrap tabular-nums" title={`${row.original.balanceMinor} minor units, debits minus credits`}>
          {row.original.balance}
          {row.original.pendingHolds && <span className="ml-1 text-xs text-yellow-700">(holds)</span>}
        </span>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      total={total}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search code or name"
      emptyMessage="No account matches."
      filters={[{ id: "type", label: "Type", options: TYPE_OPTIONS }]}
    />
  );
}
