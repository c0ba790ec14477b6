"use client";

import { useActionState, useEffect, useState } from "react";
import Link from "next/link";
import { JobProgress } from "@/components/jobs/job-status";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PlainTable } from "@/components/ui/plain-table";
import { initialActionState, type ActionState } from "@/lib/next/action-state";
import type { ImportProblem, ImportSummary } from "@/lib/customers/import-customers";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
type StatusAction = (id: string) => Promise<ImportSummary | null>;

const POLL_MS = 1000;
/** More than this many problem rows are summarised: the page stays usable at 20,000. */
const SHOWN_PROBLEMS = 500;

/** Step 1: choose a file; the check stores it and the page comes back with its report. */
function UploadForm({ action, columns, maxBytes }: { action: Action; columns: readonly string[]; maxBytes: number }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  // A file past the server's body limit would never reach the action: say so before sending it.
  const [tooLarge, setTooLarge] = useState(false);
  return (
    <form action={formAction} className="space-y-4" encType="multipart/form-data">
      <Field
        label="CSV file"
        name="file"
        error={tooLarge ? "At most 10 MB." : state.fieldErrors?.file}
        hint={`Columns: ${columns.join(", ")}. username, password and name are required. Up to 10 MB and 20,000 rows, separated by commas, semicolons or tabs. Dates as year-month-day: 2027-01-31 or 2027-01-31 23:59 (the ISP's time zone), or 2027-01-31T23:59:00Z.`}
      >
        <input type="file" accept=".csv,text/csv" className="block text-sm" onChange={(e) => setTooLarge((e.currentTarget.files?.[0]?.size ?? 0) > maxBytes)} />
      </Field>
      {state.message && !state.ok && <Alert tone="error">{state.message}</Alert>}
      <Button type="submit" variant="secondary" disabled={pending || tooLarge}>
        {pending ? "Checking…" : "Check file"}
      </Button>
    </form>
  );
}

function ProblemsTable({ problems }: { problems: ImportProblem[] }) {
  if (!problems.length) return null;
  return (
    <div className="space-y-2">
      <PlainTable label="Rows with problems" columns={[{ label: "Line" }, { label: "Username" }, { label: "Column" }, { label: "Problem" }]}>
        {problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
          <tr key={i}>
            <td className="px-3 py-1.5 tabular-nums">{p.line}</td>
            <td className="px-3 py-1.5 font-mono text-xs">{p.username || "—"}</td>
            <td className="px-3 py-1.5 font-mono text-xs">{p.field}</td>
            <td className="px-3 py-1.5 text-red-700">{p.message}</td>
          </tr>
        ))}
      </PlainTable>
      {problems.length > SHOWN_PROBLEMS && <p className="text-sm text-gray-600">…and {(problems.length - SHOWN_PROBLEMS).toLocaleString("en")} more rows with problems.</p>}
    </div>
  );
}

function summaryText(s: ImportSummary): string {
  const n = (x: number) => x.toLocaleString("en");
  switch (s.status) {
    case "CHECKED":
      return `${n(s.rowsReady)} of ${n(s.rowsTotal)} rows are ready to import${s.problems.length ? "; the others have problems (below)" : ""}.`;
    case "QUEUED":
      return "Waiting for the worker to start the import…";
    case "RUNNING":
      return `Importing: ${n(s.rowsDone)} of ${n(s.rowsTotal)} rows done, ${n(s.created)} customers created so far.`;
    case "DONE":
      return `Imported ${n(s.created)} of ${n(s.rowsTotal)} rows${s.rowsTotal > s.created ? `; ${n(s.rowsTotal - s.created)} skipped (below)` : ""}.`;
    default:
      return `The import stopped: ${s.error ?? "unknown error"}. ${n(s.created)} customers were created.`;
  }
}

/** Step 2: the check's report, the import of the stored file, and its progress until it is over. */
function ImportReport({ initial, startAction, statusAction, restartHref }: { initial: ImportSummary; startAction: Action; statusAction: StatusAction; restartHref: string }) {
  const [summary, setSummary] = useState(initial);
  const [state, formAction, pending] = useActionState(startAction, initialActionState);
  const running = summary.status === "QUEUED" || summary.status === "RUNNING" || (summary.status === "CHECKED" && state.ok);

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const next = await statusAction(summary.id).catch(() => null);
      if (stopped) return;
      if (next) setSummary(next);
      if (!next || next.status === "QUEUED" || next.status === "RUNNING" || next.status === "CHECKED") timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running, statusAction, summary.id]);

  const tone = summary.status === "FAILED" ? "error" : summary.status === "DONE" && !summary.problems.length ? "success" : "info";
  return (
    <div className="space-y-5" aria-live="polite">
      <p className="text-sm text-gray-600">
        File: <span className="font-mono">{summary.fileName}</span>
      </p>
      <Alert tone={tone}>{summaryText(summary)}</Alert>
      {running && <JobProgress done={summary.rowsDone} total={summary.rowsTotal} label="Import progress" />}
      {state.message && !state.ok && <Alert tone="error">{state.message}</Alert>}
      <div className="flex gap-3">
        {summary.status === "CHECKED" && !state.ok && summary.rowsReady > 0 && (
          <form action={formAction}>
            <input type="hidden" name="id" value={summary.id} />
            <Button type="submit" disabled={pending}>
              Import {summary.rowsReady.toLocaleString("en")} {summary.rowsReady === 1 ? "row" : "rows"}
            </Button>
          </form>
        )}
        {!running && (
          <Link href={restartHref} className={buttonClasses({ variant: "secondary" })}>
            {summary.status === "CHECKED" ? "Check another file" : "Import another file"}
          </Link>
        )}
      </div>
      {(summary.status === "CHECKED" || !running) && <ProblemsTable problems={summary.problems} />}
    </div>
  );
}

export function ImportForm({
  uploadAction,
  startAction,
  statusAction,
  columns,
  maxBytes,
  initial,
  restartHref,
}: {
  uploadAction: Action;
  startAction: Action;
  statusAction: StatusAction;
  columns: readonly string[];
  maxBytes: number;
  initial: ImportSummary | null;
  restartHref: string;
}) {
  return initial ? <ImportReport initial={initial} startAction={startAction} statusAction={statusAction} restartHref={restartHref} /> : <UploadForm action={uploadAction} columns={columns} maxBytes={maxBytes} />;
}
