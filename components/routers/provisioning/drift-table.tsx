"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { FormAction } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { initialActionState } from "@/lib/next/action-state";
import type { DriftRow } from "@/lib/routers/provisioning/router-sync-summary";
import { PlainTable } from "@/components/ui/plain-table";

type Props = {
  routerId: string;
  rows: DriftRow[];
  total: number;
  /** Pass both only to operators with routers:manage; without them the table is read-only. */
  resolveAction?: FormAction;
  resolveAllAction?: FormAction;
  /** Where a customer's page lives, e.g. "/admin/customers". */
  customersPath?: string;
};

function Value({ text }: { text: string }) {
  return <code className="break-all font-mono text-xs text-gray-800">{text}</code>;
}

const noop: FormAction = async () => initialActionState;

/**
 * What someone changed by hand on the router in items of ours. "Restore" puts our value back on
 * the router; "Accept" keeps the router's (an address or MAC becomes the customer's own).
 */
export function DriftTable({ routerId, rows, total, resolveAction, resolveAllAction, customersPath = "/admin/customers" }: Props) {
  const [state, formAction] = useActionState(resolveAction ?? noop, initialActionState);
  const [allState, allAction] = useActionState(resolveAllAction ?? noop, initialActionState);
  if (total === 0) return <p className="text-sm text-gray-500">No differences: the router holds what we put there.</p>;
  const message = state.at && (!allState.at || state.at > allState.at) ? state : allState;
  return (
    <div className="space-y-3">
      {message.message && <Alert tone={message.ok ? "success" : "error"}>{message.message}</Alert>}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-gray-600">
          {total.toLocaleString("en")} difference{total === 1 ? "" : "s"}
          {rows.length < total ? ` (the first ${rows.length} shown)` : ""}. Nothing is overwritten until you choose.
        </p>
        {resolveAllAction && (
          <form action={allAction} className="flex gap-2">
            <input type="hidden" name="routerId" value={routerId} />
            <SubmitButton size="sm" variant="secondary" name="action" value="restore" pendingText="Working…">
              Restore all
            </SubmitButton>
            <SubmitButton size="sm" variant="secondary" name="action" value="accept" pendingText="Working…">
              Accept all
            </SubmitButton>
          </form>
        )}
      </div>
      <PlainTable label="Differences on the router" columns={[{ label: "Customer" }, { label: "Item" }, { label: "Field" }, { label: "Ours" }, { label: "On the router" }, resolveAction && { label: "Resolve", align: "right" }]}>
            {rows.map((r) => (
              <tr key={`${r.key}:${r.field}`}>
                <td className="px-3 py-2">
                  {r.customer ? (
                    <Link href={`${customersPath}/${r.customer.id}`} className="text-indigo-700 hover:underline">
                      {r.customer.name} <span className="text-gray-500">({r.customer.username})</span>
                    </Link>
                  ) : (
                    <span className="text-gray-500">Package profile</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <span className="text-gray-600">{r.menuTitle}</span> <span className="font-mono text-xs">{r.item}</span>
                </td>
                <td className="px-3 py-2 font-mono text-xs">{r.field}</td>
                <td className="px-3 py-2">
                  <Value text={r.ours} />
                </td>
                <td className="px-3 py-2">
                  <Value text={r.router} />
                </td>
                {resolveAction && (
                  <td className="px-3 py-2">
                    <form action={formAction} className="flex justify-end gap-2">
                      <input type="hidden" name="routerId" value={routerId} />
                      <input type="hidden" name="key" value={r.key} />
                      <input type="hidden" name="field" value={r.field} />
                      <SubmitButton size="sm" variant="secondary" name="action" value="restore" pendingText="…" title="Put our value back on the router">
                        Restore
                      </SubmitButton>
                      <SubmitButton size="sm" variant="ghost" name="action" value="accept" pendingText="…" title="Keep the router's value">
                        Accept
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
