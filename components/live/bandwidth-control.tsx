"use client";

import { useActionState, useState } from "react";
import type { FormAction } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { formatBps } from "@/components/units";
import { initialActionState } from "@/lib/next/action-state";
import type { BandwidthRow, LiveSnapshot } from "@/lib/routers/live";
import { usePolling } from "./use-polling";
import { PlainTable } from "@/components/ui/plain-table";

export type LimitPreset = { name: string; download: string; upload: string };

/**
 * Seed 004's bandwidth page: set, change or remove an online customer's limit now, with the
 * packages' speeds as presets, and every queue's current rate refreshed every 5 seconds.
 */
export function BandwidthControl({ routerId, presets, setLimit, removeLimit }: { routerId: string; presets: LimitPreset[]; setLimit?: FormAction; removeLimit?: FormAction }) {
  const queues = usePolling<{ at: string; queues: BandwidthRow[] }>(`/api/routers/${routerId}/bandwidth`, 5000);
  const live = usePolling<LiveSnapshot>(`/api/routers/${routerId}/live`, 15000);
  const [setState, setAction] = useActionState(setLimit ?? (async () => initialActionState), initialActionState);
  const [removeState, removeAction] = useActionState(removeLimit ?? (async () => initialActionState), initialActionState);
  const [rates, setRates] = useState({ download: presets[0]?.download ?? "", upload: presets[0]?.upload ?? "" });
  const online = (live.data?.sessions ?? []).filter((s) => s.customerId && s.address);
  const e = setState.fieldErrors ?? {};
  return (
    <div className="space-y-5">
      {setLimit && (
        <form action={setAction} className="space-y-4 rounded-lg border border-gray-200 p-4" noValidate>
          <input type="hidden" name="id" value={routerId} />
          {setState.message && <Alert tone={setState.ok ? "success" : "error"}>{setState.message}</Alert>}
          <div className="grid gap-4 md:grid-cols-4">
            <Field label="Customer online" name="customerId" error={e.customerId}>
              <Select defaultValue="">
                <option value="" disabled>
                  {online.length ? "Choose…" : "Nobody online"}
                </option>
                {online.map((s) => (
                  <option key={`${s.kind}:${s.id}`} value={s.customerId ?? ""}>
                    {s.username} ({s.address})
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Preset" name="preset">
              <Select
                value=""
                onChange={(ev) => {
                  const p = presets.find((x) => x.name === ev.target.value);
                  if (p) setRates({ download: p.download, upload: p.upload });
                }}
              >
                <option value="">From a package…</option>
                {presets.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name} ({p.download}/{p.upload})
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Download" name="download" error={e.download} hint="e.g. 10M">
              <Input value={rates.download} onChange={(ev) => setRates({ ...rates, download: ev.target.value })} className="font-mono" />
            </Field>
            <Field label="Upload" name="upload" error={e.upload} hint="e.g. 2M">
              <Input value={rates.upload} onChange={(ev) => setRates({ ...rates, upload: ev.target.value })} className="font-mono" />
            </Field>
          </div>
          <SubmitButton pendingText="Applying…">Set limit now</SubmitButton>
        </form>
      )}
      {queues.error && <Alert tone="error">{queues.error}</Alert>}
      {removeState.message && <Alert tone={removeState.ok ? "success" : "error"}>{removeState.message}</Alert>}
      <PlainTable label="Queues on the router" columns={[{ label: "Queue" }, { label: "Target" }, { label: "Limit up/down" }, { label: "Rate down / up", align: "right" }, { label: "" }]}>
            {(queues.data?.queues ?? []).length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-gray-500">
                  {queues.loading ? "Asking the router…" : "No queues on this router."}
                </td>
              </tr>
            )}
            {(queues.data?.queues ?? []).map((q) => (
              <tr key={q.queueId}>
                <td className="px-3 py-2 font-mono">
                  {q.name}
                  {q.customerId && <span className="ml-2 rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-700">set here</span>}
                </td>
                <td className="px-3 py-2 font-mono">{q.target}</td>
                <td className="px-3 py-2 font-mono">{q.maxLimit ?? "—"}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {q.rateDown === null ? "—" : `${formatBps(q.rateDown)} / ${formatBps(q.rateUp ?? 0)}`}
                </td>
                <td className="px-3 py-2 text-right">
                  {removeLimit && q.customerId && (
                    <form action={removeAction}>
                      <input type="hidden" name="id" value={routerId} />
                      <input type="hidden" name="queueId" value={q.queueId} />
                      <SubmitButton variant="secondary" size="sm" pendingText="…" aria-label={`Remove limit ${q.name}`}>
                        Remove
                      </SubmitButton>
                    </form>
                  )}
                </td>
              </tr>
            ))}
      </PlainTable>
    </div>
  );
}
