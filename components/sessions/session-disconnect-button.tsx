"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialActionState, type ActionState } from "@/lib/next/action-state";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** A row's "Disconnect": the customer's disconnect action, compact enough for a table cell. */
export function SessionDisconnectButton({ action, customerId, username }: { action: Action; customerId: string; username: string }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="flex items-center justify-end gap-2">
      <input type="hidden" name="id" value={customerId} />
      {state.message && (
        <span role="status" className={state.ok ? "text-xs text-green-700" : "text-xs text-red-700"} title={state.message}>
          {state.ok ? "Requested" : state.message}
        </span>
      )}
      <SubmitButton variant="secondary" size="sm" pendingText="…" aria-label={`Disconnect ${username}`}>
        Disconnect
      </SubmitButton>
    </form>
  );
}
