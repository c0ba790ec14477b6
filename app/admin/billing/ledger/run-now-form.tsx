"use client";

// "Run now": asks a reconciliation of this ISP's ledger (the ledger.reconcile job).
import { useActionState } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FormAction } from "@/components/forms/action-form";
import { Alert } from "@/components/ui/alert";
import { initialActionState } from "@/lib/next/action-state";

export function RunNowForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="flex flex-col items-start gap-2 sm:items-end">
      <SubmitButton variant="secondary" pendingText="Requesting…">
        Run now
      </SubmitButton>
      {state.message && <Alert tone={state.ok ? "success" : "error"} className="max-w-sm">{state.message}</Alert>}
    </form>
  );
}
