"use client";

// A button that opens a dialog holding one server-action form. Its state lives in the dialog's
// content, so each opening starts clean (no stale errors) and, for money forms, with a new
// one-time token; success closes it and reports through the page's notice.
import { useActionState, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialActionState, type ActionState } from "@/lib/next/action-state";
import { useBillingNotice } from "./billing-notice";
import { oneTimeToken } from "./one-time-token";

export type DialogAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

type Props = {
  action: DialogAction;
  triggerLabel: string;
  triggerVariant?: ButtonVariant;
  triggerSize?: ButtonSize;
  /** Names the trigger for screen readers and tests when its label is shared by many rows. */
  triggerAriaLabel?: string;
  title: string;
  description?: ReactNode;
  submitLabel: string;
  pendingText?: string;
  submitVariant?: ButtonVariant;
  /** Hidden fields sent with the form. */
  fields: Record<string, string>;
  /** Adds a hidden `idempotencyKey` made when the dialog renders. */
  oneTime?: boolean;
  /** Wider content (the invoice lines). */
  wide?: boolean;
  /** The visible fields; gets the last answer (errors and echoed values). */
  children?: (state: ActionState) => ReactNode;
};

export function ActionDialog(props: Props) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant={props.triggerVariant ?? "secondary"} size={props.triggerSize ?? "sm"} aria-label={props.triggerAriaLabel}>
          {props.triggerLabel}
        </Button>
      </DialogTrigger>
      <DialogContent className={props.wide ? "max-w-3xl" : undefined}>{open && <DialogForm {...props} onDone={() => setOpen(false)} />}</DialogContent>
    </Dialog>
  );
}

function DialogForm({ action, title, description, submitLabel, pendingText, submitVariant, fields, oneTime, children, onDone }: Props & { onDone: () => void }) {
  const notify = useBillingNotice();
  const router = useRouter();
  const [token] = useState(() => (oneTime ? oneTimeToken() : ""));
  const [state, formAction] = useActionState(async (prev: ActionState, form: FormData) => {
    const answer = await action(prev, form);
    if (answer.ok) {
      onDone();
      notify(answer.message ?? "Done.");
      // The action revalidates the page; refreshing here too makes sure the panel shows the new
      // balance, expiry and rows even when this dialog's form has already gone.
      router.refresh();
    }
    return answer;
  }, initialActionState);
  return (
    <>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        {description && <DialogDescription>{description}</DialogDescription>}
      </DialogHeader>
      <form action={formAction} className="space-y-4" noValidate>
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {oneTime && <input type="hidden" name="idempotencyKey" value={token} />}
        {!state.ok && state.message && <Alert tone="error">{state.message}</Alert>}
        {children && (
          <div key={state.at ?? 0} className="space-y-4">
            {children(state)}
          </div>
        )}
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="secondary">
              Cancel
            </Button>
          </DialogClose>
          <SubmitButton variant={submitVariant ?? "primary"} pendingText={pendingText ?? "Working…"}>
            {submitLabel}
          </SubmitButton>
        </DialogFooter>
      </form>
    </>
  );
}
