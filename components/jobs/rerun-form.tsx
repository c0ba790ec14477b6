"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialActionState } from "@/lib/next/action-state";
import type { FormAction } from "@/components/forms/action-form";

export function RerunForm({ action, runId }: { action: FormAction; runId: string }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="id" value={runId} />
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <SubmitButton variant="secondary" pendingText="Requesting…">
        Re-run
      </SubmitButton>
    </form>
  );
}
