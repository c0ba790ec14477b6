"use client";

import { useActionState } from "react";
import type { FormAction } from "@/components/forms/action-form";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Alert } from "@/components/ui/alert";
import { initialActionState } from "@/lib/next/action-state";

/** Removes the router's API access after saying what stops working. */
export function RemoveApiAccess({ action, routerId }: { action: FormAction; routerId: string }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <div className="space-y-2">
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <ConfirmAction
        formAction={formAction}
        pending={pending}
        triggerLabel="Remove API access"
        pendingLabel="Removing…"
        title="Remove API access?"
        description="The stored password is deleted. Health checks, setup, API-mode provisioning and live views stop for this router; RADIUS logins are not affected."
        confirmLabel="Remove access"
        fields={{ id: routerId }}
      />
    </div>
  );
}
