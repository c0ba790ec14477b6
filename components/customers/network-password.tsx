"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { initialActionState, type ActionState } from "@/lib/next/action-state";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** The PPPoE/hotspot password, hidden until asked for (each reveal is audited). */
export function NetworkPassword({ action, customerId }: { action: Action; customerId: string }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const [hidden, setHidden] = useState(false);
  const shown = state.ok && state.values?.password && !hidden;
  return (
    <form action={(fd) => { setHidden(false); formAction(fd); }} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={customerId} />
      <code data-testid="network-password" className="rounded bg-gray-100 px-2 py-1 font-mono text-sm">
        {shown ? state.values!.password : "••••••••"}
      </code>
      {shown ? (
        <Button type="button" variant="ghost" size="sm" onClick={() => setHidden(true)}>
          Hide
        </Button>
      ) : (
        <Button type="submit" variant="ghost" size="sm" disabled={pending}>
          Show password
        </Button>
      )}
      {!state.ok && state.message && <span className="text-sm text-red-700">{state.message}</span>}
    </form>
  );
}
