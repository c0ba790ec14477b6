"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { initialActionState, type ActionState } from "@/lib/next/action-state";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** The PPPoE/hotspot password, hidden until asked for (each reveal is audited). */
export function NetworkPassword({ action, customerId }: { action: Action; customerId: string }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  // The answer we last chose to hide; a new reveal (a new answer) shows again.
  const [hiddenAt, setHiddenAt] = useState<number | undefined>(undefined);
  const password = state.ok && state.at !== hiddenAt ? state.values?.password : undefined;
  if (password) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="network-password" className="rounded bg-gray-100 px-2 py-1 font-mono text-sm">
          {password}
        </code>
        <Button key="hide" type="button" variant="ghost" size="sm" onClick={() => setHiddenAt(state.at)}>
          Hide
        </Button>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={customerId} />
      <code data-testid="network-password" className="rounded bg-gray-100 px-2 py-1 font-mono text-sm">
        ••••••••
      </code>
      <Button key="show" type="submit" variant="ghost" size="sm" disabled={pending}>
        Show password
      </Button>
      {!state.ok && state.message && <span className="text-sm text-red-700">{state.message}</span>}
    </form>
  );
}
