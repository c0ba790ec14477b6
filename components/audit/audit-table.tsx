"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataTableQuery } from "@/components/data-table/data-table";
import { formatDateTime } from "@/components/format";
import type { AuditRow } from "@/lib/audit/list-audit-logs";

const ACTOR_KINDS = [
  { value: "OPERATOR", label: "Operator" },
  { value: "CUSTOMER", label: "Customer" },
  { value: "SYSTEM", label: "System" },
  { value: "API_KEY", label: "API key" },
];
const TARGET_TYPES = ["Tenant", "Operator", "Customer", "JobRun"].map((t) => ({ value: t, label: t }));

function Changes({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="text-gray-400">—</span>;
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  if (!keys.length) return <span className="text-gray-400">no change</span>;
  return (
    <details>
      <summary className="cursor-pointer text-indigo-700">{keys.length} field{keys.length === 1 ? "" : "s"}</summary>
      <dl className="mt-1 space-y-0.5 text-xs">
        {keys.map((k) => (
          <div key={k} className="flex flex-wrap gap-1">
            <dt className="font-medium">{k}:</dt>
            <dd className="text-gray-500 line-through">{before == null ? "" : JSON.stringify(b[k] ?? null)}</dd>
            <dd className="text-gray-900">{JSON.stringify(a[k] ?? null)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function AuditTable({ rows, total, query, timeZone }: { rows: AuditRow[]; total: number; query: DataTableQuery; timeZone: string }) {
  const columns: ColumnDef<AuditRow>[] = [
    { id: "createdAt", header: "Time", cell: ({ row }) => <span className="whitespace-nowrap">{formatDateTime(row.original.createdAt, timeZone)}</span> },
    { id: "actorName", header: "Actor", cell: ({ row }) => `${row.original.actorName} (${row.original.actorKind.toLowerCase()})` },
    { id: "action", header: "Action", cell: ({ row }) => <code className="text-xs">{row.original.action}</code> },
    {
      id: "target",
      header: "Target",
      enableSorting: false,
      cell: ({ row }) => (
        <span>
          {row.original.targetType} <span className="font-mono text-xs text-gray-500">{row.original.targetId?.slice(0, 8)}</span>
        </span>
      ),
    },
    { id: "changes", header: "Changes", enableSorting: false, cell: ({ row }) => <Changes before={row.original.before} after={row.original.after} /> },
    { id: "ip", header: "IP", enableSorting: false, cell: ({ row }) => row.original.ip ?? "—" },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      total={total}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search action, actor or target id"
      emptyMessage="No audit entries match."
      filters={[
        { id: "actorKind", label: "Actor", options: ACTOR_KINDS },
        { id: "targetType", label: "Target", options: TARGET_TYPES },
      ]}
    />
  );
}
