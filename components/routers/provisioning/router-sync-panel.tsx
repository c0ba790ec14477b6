"use client";

import { useActionState } from "react";
import { formatDateTime } from "@/components/format";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FormAction } from "@/components/forms/action-form";
import { Alert } from "@/components/ui/alert";
import { initialActionState } from "@/lib/next/action-state";
import type { RouterSyncSummary, SyncStateName } from "@/lib/routers/provisioning/router-sync-summary";
import { SyncStateBadge } from "./sync-state-badge";

const STATES: SyncStateName[] = ["IN_SYNC", "PENDING", "DRIFT", "ERROR"];

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-gray-500">{label}</dt>
      <dd className="mt-0.5 font-medium text-gray-900 tabular-nums">{value}</dd>
    </div>
  );
}

/**
 * The router's API-mode sync: its state, the last run (when, how long, how many writes), its
 * customers by state, and "Sync now" (pass `syncNowAction` only to operators with routers:manage).
 */
export function RouterSyncPanel({ summary, timeZone, syncNowAction }: { summary: RouterSyncSummary; timeZone: string; syncNowAction?: FormAction }) {
  const [state, formAction] = useActionState(syncNowAction ?? (async () => initialActionState), initialActionState);
  if (summary.mode !== "API" && summary.customers.total === 0 && !summary.lastRun) {
    return <p className="text-sm text-gray-600">This router is in RADIUS mode: it asks FreeRADIUS at each login and nothing is pushed to it. Switch it to API mode on its API page to provision customers over the API.</p>;
  }
  const run = summary.lastRun;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm text-gray-600">
        <SyncStateBadge state={summary.syncState} />
        {summary.syncedAt ? <span>last synced {formatDateTime(summary.syncedAt, timeZone)}</span> : <span>not synced yet</span>}
        {summary.pending && <span>· changes are waiting for the next run</span>}
      </div>
      {summary.mode !== "API" && <Alert tone="info">The router left API mode: the next run removes what we had put on it.</Alert>}
      {!summary.hasApiAccess && <Alert tone="error">The router has no API access saved: nothing can be pushed until it has.</Alert>}
      {summary.syncError && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{summary.syncError}</p>}
      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
        <Fact label="Last run" value={run ? `${(run.ms ?? 0).toLocaleString("en")} ms` : "—"} />
        <Fact label="Writes" value={run?.writes === null || run?.writes === undefined ? "—" : run.writes.toLocaleString("en")} />
        <Fact label="Items of ours" value={run?.items === null || run?.items === undefined ? "—" : run.items.toLocaleString("en")} />
        <Fact label="Differences" value={summary.driftCount.toLocaleString("en")} />
      </dl>
      <div>
        <h3 className="text-xs uppercase tracking-wide text-gray-500">Customers on this router</h3>
        <ul className="mt-1 flex flex-wrap gap-3 text-sm" aria-label="Customers by sync state">
          {STATES.map((s) => (
            <li key={s} className="flex items-center gap-1.5">
              <SyncStateBadge state={s} /> <span className="tabular-nums text-gray-900">{summary.customers[s].toLocaleString("en")}</span>
            </li>
          ))}
        </ul>
      </div>
      {syncNowAction && summary.mode === "API" && (
        <form action={formAction} className="space-y-3">
          <input type="hidden" name="routerId" value={summary.routerId} />
          {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
          <SubmitButton variant="secondary" pendingText="Requesting…">
            Sync now
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
