"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { JobProgress, JobStatusBadge } from "@/components/jobs/job-status";
import { Alert } from "@/components/ui/alert";
import type { RouterSetupProgress } from "@/lib/routers/setup/router-setup-progress";
import type { SetupActionResult } from "@/lib/routers/setup/setup.types";

export type SetupProgressAction = (routerId: string, requestId: string) => Promise<SetupActionResult<RouterSetupProgress | null>>;

const POLL_MS = 2000;

/** Follows one setup run, polling every 2 s until it is over. Pass a stable `onDone` (useCallback). */
export function SetupProgress({
  routerId,
  requestId,
  initial = null,
  progressAction,
  onDone,
}: {
  routerId: string;
  requestId: string;
  initial?: RouterSetupProgress | null;
  progressAction: SetupProgressAction;
  onDone?: (progress: RouterSetupProgress) => void;
}) {
  const [progress, setProgress] = useState<RouterSetupProgress | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const initialDone = initial?.done ?? false;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const answer = await progressAction(routerId, requestId).catch(() => ({ ok: false as const, message: "The server did not answer; trying again." }));
      if (stopped) return;
      if (answer.ok) {
        setError(null);
        setProgress(answer.data);
        if (answer.data?.done) return onDone?.(answer.data);
      } else {
        setError(answer.message);
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    // A run already over when the page was rendered needs no polling.
    if (!initialDone) void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [routerId, requestId, progressAction, onDone, initialDone]);

  const finished = progress?.steps.filter((s) => s.status === "COMPLETED").length ?? 0;
  return (
    <div className="space-y-3" data-testid="router-setup-progress" aria-live="polite">
      <div className="flex flex-wrap items-center gap-3">
        {progress ? <JobStatusBadge status={progress.status} /> : <span className="text-sm text-gray-600">Waiting for the worker to pick the setup up…</span>}
        {progress && <JobProgress done={finished} total={progress.steps.length} label="Setup progress" />}
        {progress && (
          <Link href={`/admin/jobs/${progress.runId}`} className="text-sm text-indigo-700 hover:underline">
            Job run
          </Link>
        )}
      </div>
      <Alert tone="error">{error}</Alert>
      {progress && (
        <ol className="space-y-1.5 text-sm">
          {progress.steps.map((s) => (
            <li key={s.id} className="flex items-start justify-between gap-3">
              <div>
                <p className="text-gray-900">{s.title}</p>
                {s.error && <p className="text-red-700">{s.error}</p>}
                {s.status === "COMPLETED" && s.added !== null && (
                  <p className="text-xs text-gray-500">
                    {s.added} added, {s.changed} changed
                  </p>
                )}
              </div>
              {s.status === "PENDING" ? <span className="text-xs text-gray-500">Waiting</span> : <JobStatusBadge status={s.status} />}
            </li>
          ))}
        </ol>
      )}
      {progress?.status === "RETRYING" && (
        <p className="text-sm text-gray-600">
          Attempt {progress.attempts} of {progress.maxAttempts} failed; it is retried automatically. Steps already done are not repeated.
        </p>
      )}
      {progress?.status === "FAILED" && <Alert tone="error">{progress.lastError ?? "Setup failed."} Fix the router or its API access, then apply again.</Alert>}
      {progress?.status === "COMPLETED" && <Alert tone="success">The router is set up. A new preview shows nothing left to change.</Alert>}
    </div>
  );
}
