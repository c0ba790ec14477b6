"use client";

import Link from "next/link";
import { useActionState, useRef, useState } from "react";
import type { FormAction } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { formatBps, formatBytes, formatSeconds } from "@/components/units";
import { initialActionState } from "@/lib/next/action-state";
import type { LiveSession, LiveSnapshot } from "@/lib/routers/live";
import { makeRateTracker, usePolling } from "./use-polling";
import { PlainTable } from "@/components/ui/plain-table";

type Row = LiveSession & { rateDown: number | null; rateUp: number | null };

/** The router's active PPP and hotspot sessions, refreshed every 5 seconds, with Disconnect. */
export function LiveSessions({ routerId, disconnect, customersPath }: { routerId: string; disconnect?: FormAction; customersPath: string }) {
  const tracker = useRef(makeRateTracker());
  const [rows, setRows] = useState<Row[]>([]);
  const live = usePolling<LiveSnapshot>(`/api/routers/${routerId}/live`, 5000, (snap) => {
    const at = Date.parse(snap.at);
    setRows(snap.sessions.map((s) => ({ ...s, ...rate(tracker.current(`${s.kind}:${s.id}`, at, s.bytesDown, s.bytesUp)) })));
  });
  const [state, action] = useActionState(disconnect ?? (async () => initialActionState), initialActionState);
  return (
    <div className="space-y-3">
      <p className="text-sm text-gray-600" aria-live="polite">
        {live.loading ? "Asking the router…" : live.error ? "" : `${rows.length} active sessions · refreshed every 5 s`}
      </p>
      {live.error && <Alert tone="error">{live.error}</Alert>}
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <PlainTable label="Active sessions on the router" columns={[{ label: "User" }, { label: "Service" }, { label: "Address" }, { label: "Caller" }, { label: "Uptime", align: "right" }, { label: "Down / Up", align: "right" }, { label: "Rate down / up", align: "right" }, disconnect && { label: "" }]}>
            {rows.length === 0 && (
              <tr>
                <td colSpan={8} className="px-3 py-6 text-center text-gray-500">
                  {live.loading ? "…" : "Nobody is online on this router."}
                </td>
              </tr>
            )}
            {rows.map((s) => (
              <tr key={`${s.kind}:${s.id}`}>
                <td className="px-3 py-2 font-mono">
                  {s.customerId ? (
                    <Link href={`${customersPath}/${s.customerId}`} className="text-indigo-700 hover:underline">
                      {s.username}
                    </Link>
                  ) : (
                    s.username
                  )}
                </td>
                <td className="px-3 py-2">{s.service ?? s.kind}</td>
                <td className="px-3 py-2 font-mono">{s.address ?? "—"}</td>
                <td className="px-3 py-2 font-mono text-xs">{s.callerId ?? "—"}</td>
                <td className="px-3 py-2 text-right tabular-nums">{s.uptimeSeconds === null ? "—" : formatSeconds(s.uptimeSeconds)}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {s.bytesDown === null ? "—" : `${formatBytes(s.bytesDown)} / ${formatBytes(s.bytesUp ?? 0)}`}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {s.rateDown === null ? "…" : `${formatBps(s.rateDown)} / ${formatBps(s.rateUp ?? 0)}`}
                </td>
                {disconnect && (
                  <td className="px-3 py-2 text-right">
                    <form action={action}>
                      <input type="hidden" name="id" value={routerId} />
                      <input type="hidden" name="kind" value={s.kind} />
                      <input type="hidden" name="sessionId" value={s.id} />
                      <SubmitButton variant="secondary" size="sm" pendingText="…" aria-label={`Disconnect ${s.username}`}>
                        Disconnect
                      </SubmitButton>
                    </form>
                  </td>
                )}
              </tr>
            ))}
      </PlainTable>
    </div>
  );
}

function rate(r: { down: number | null; up: number | null }) {
  return { rateDown: r.down, rateUp: r.up };
}
