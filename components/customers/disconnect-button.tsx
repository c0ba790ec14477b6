"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialActionState, type ActionState } from "@/lib/next/action-state";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function DisconnectButton({ action, customerId }: { action: Action; customerId: string }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="id" value={customerId} />
      <SubmitButton variant="secondary" size="sm" pendingText="Requesting…">
        Disconnect now
      </SubmitButton>
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
    </form>
  );
}
