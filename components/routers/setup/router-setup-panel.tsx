"use client";

import { useActionState, useCallback, useId, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { SubmitButton } from "@/components/forms/submit-button";
import { formatDateTime } from "@/components/format";
import { JobStatusBadge } from "@/components/jobs/job-status";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { initialActionState, type ActionState } from "@/lib/next/action-state";
import type { RouterSetupDryRun } from "@/lib/routers/setup/dry-run-router-setup";
import type { RouterSetupProgress, RouterSetupStatus } from "@/lib/routers/setup/router-setup-progress";
import type { SetupActionResult } from "@/lib/routers/setup/setup.types";
import { SetupDiffTable } from "./setup-diff-table";
import { SetupProgress, type SetupProgressAction } from "./setup-progress";

type Props = {
  routerId: string;
  /** getRouterSetupStatus(actor, routerId): when setup last applied, and the latest run. */
  status: RouterSetupStatus;
  timeZone: string;
  dryRunAction: (routerId: string, pppoeInterface: string) => Promise<SetupActionResult<RouterSetupDryRun>>;
  applyAction: (prev: ActionState, form: FormData) => Promise<ActionState>;
  progressAction: SetupProgressAction;
};

/** One-click setup: preview what would change on the router, apply it, follow each step. */
export function RouterSetupPanel({ routerId, status, timeZone, dryRunAction, applyAction, progressAction }: Props) {
  const router = useRouter();
  const selectId = useId();
  const [diff, setDiff] = useState<RouterSetupDryRun | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [pppoeInterface, setPppoeInterface] = useState("");
  const [previewing, startPreview] = useTransition();
  const [applyState, apply] = useActionState(applyAction, initialActionState);
  const [finished, setFinished] = useState<string | null>(null);

  const applied = applyState.ok ? applyState.values?.requestId : undefined;
  const resumed = status.latest && !status.latest.done ? status.latest : null;
  const following = applied ?? resumed?.requestId;
  const running = following !== undefined && following !== finished;
  const pending = diff ? diff.counts.add + diff.counts.set : 0;

  const preview = (iface: string) =>
    startPreview(async () => {
      const answer = await dryRunAction(routerId, iface).catch(() => ({ ok: false as const, message: "The server did not answer. Try again." }));
      if (answer.ok) {
        setDiff(answer.data);
        setPreviewError(null);
      } else setPreviewError(answer.message);
    });

  const onDone = useCallback(
    (progress: RouterSetupProgress) => {
      setFinished(progress.requestId);
      setDiff(null); // the preview no longer says what the router has
      router.refresh();
    },
    [router],
  );

  return (
    <div className="space-y-4" data-testid="router-setup">
      <p className="text-sm text-gray-600">
        {status.setupAppliedAt ? `Last applied ${formatDateTime(status.setupAppliedAt, timeZone)}. ` : "Never applied. "}
        Setup only adds what is missing and changes only its own fields; it never removes the router&apos;s own configuration.
        {status.latest?.done && (
          <>
            {" "}
            Last run:{" "}
            <Link href={`/admin/jobs/${status.latest.runId}`} className="text-indigo-700 hover:underline">
              <JobStatusBadge status={status.latest.status} />
            </Link>
          </>
        )}
      </p>

      {following && (
        <SetupProgress key={following} routerId={routerId} requestId={following} initial={applied ? null : resumed} progressAction={progressAction} onDone={onDone} />
      )}

      <div className="flex flex-wrap items-end gap-3">
        <Button type="button" variant="secondary" disabled={previewing || running} onClick={() => preview(pppoeInterface)}>
          {previewing ? "Reading the router…" : diff ? "Preview again" : "Preview changes"}
        </Button>
        {diff && (
          <div className="space-y-1">
            <Label htmlFor={selectId}>PPPoE server on</Label>
            <Select
              id={selectId}
              value={pppoeInterface}
              disabled={previewing || running}
              onChange={(e) => {
                setPppoeInterface(e.target.value);
                preview(e.target.value);
              }}
            >
              <option value="">Existing servers only</option>
              {diff.interfaces.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </div>
        )}
      </div>

      <Alert tone="error">{previewError}</Alert>
      <Alert tone="error">{!applyState.ok ? applyState.message : undefined}</Alert>

      {diff && (
        <div className="space-y-4">
          {diff.problems.map((p) => (
            <Alert key={p} tone="error">
              {p}
            </Alert>
          ))}
          {diff.warnings.map((w) => (
            <Alert key={w} tone="info">
              {w}
            </Alert>
          ))}
          <p className="text-sm text-gray-700" role="status">
            {pending === 0 ? "Nothing to change: the router is set up." : `${diff.counts.add} to add, ${diff.counts.set} to change, ${diff.counts.none} already as needed.`}
          </p>
          <SetupDiffTable diff={diff} />
          <form action={apply} className="flex items-center gap-3">
            <input type="hidden" name="id" value={routerId} />
            <input type="hidden" name="pppoeInterface" value={diff.pppoeInterface ?? ""} />
            <SubmitButton disabled={running || pending === 0 || diff.problems.length > 0} pendingText="Starting…">
              Apply
            </SubmitButton>
            <span className="text-xs text-gray-500">Apply reads the router again and changes only what still differs.</span>
          </form>
        </div>
      )}
    </div>
  );
}
