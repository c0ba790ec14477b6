"use client";

import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { initialActionState, type ActionState } from "@/lib/next/action-state";
import { SubmitButton } from "./submit-button";

export type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

type Props = {
  action: FormAction;
  submitLabel: string;
  pendingText?: string;
  className?: string;
  /** Renders the fields; gets the last answer (errors and echoed values). */
  children: (state: ActionState) => ReactNode;
};

/** A server-action form with a form-level message, per-field errors and kept input on failure. */
export function ActionForm({ action, submitLabel, pendingText, className, children }: Props) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className={className ?? "space-y-5"} noValidate>
      {state.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      {/* Re-mounting on each answer makes the inputs show the echoed values, selects included. */}
      <div key={state.at ?? 0} className="space-y-4">
        {children(state)}
      </div>
      <SubmitButton pendingText={pendingText}>{submitLabel}</SubmitButton>
    </form>
  );
}
