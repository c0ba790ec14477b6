"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataTableQuery } from "@/components/data-table/data-table";
import { formatDateTime } from "@/components/format";
import type { JobRunRow } from "@/lib/jobs/runs/list-job-runs";
import { formatDuration, JobProgress, JobStatusBadge } from "./job-status";

const STATUSES = ["QUEUED", "RUNNING", "RETRYING", "COMPLETED", "FAILED", "CANCELLED"].map((s) => ({ value: s, label: s.charAt(0) + s.slice(1).toLowerCase() }));

export function JobRunsTable({ rows, total, query, timeZone }: { rows: JobRunRow[]; total: number; query: DataTableQuery; timeZone: string }) {
  const columns: ColumnDef<JobRunRow>[] = [
    {
      id: "jobId",
      header: "Job",
      cell: ({ row }) => (
        <Link href={`/admin/jobs/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
          {row.original.jobName}
        </Link>
      ),
    },
    { id: "trigger", header: "Trigger", enableSorting: false, cell: ({ row }) => <code className="text-xs">{row.original.trigger}</code> },
    {
      id: "status",
      header: "Status",
      cell: ({ row }) => (
        <div className="flex flex-col gap-1">
          <JobStatusBadge status={row.original.status} />
          <JobProgress done={row.original.progressDone} total={row.original.progressTotal} label={`Progress of ${row.original.jobName}`} />
        </div>
      ),
    },
    { id: "attempts", header: "Attempts", meta: { className: "text-right" }, cell: ({ row }) => `${row.original.attempts}/${row.original.maxAttempts}` },
    { id: "duration", header: "Duration", enableSorting: false, meta: { className: "text-right" }, cell: ({ row }) => formatDuration(row.original.durationMs) },
    { id: "queuedAt", header: "Queued", cell: ({ row }) => formatDateTime(row.original.queuedAt, timeZone) },
    {
      id: "lastError",
      header: "Last error",
      enableSorting: false,
      cell: ({ row }) => <span className="line-clamp-2 max-w-xs text-xs text-red-700">{row.original.lastError ?? ""}</span>,
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      total={total}
      query={query}
      getRowId={(r) => r.id}
      searchPlaceholder="Search job or error"
      emptyMessage="No job runs yet."
      filters={[{ id: "status", label: "Status", options: STATUSES }]}
    />
  );
}
