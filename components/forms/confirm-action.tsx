"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { SubmitButton } from "./submit-button";

type Props = {
  /** The form action (from useActionState) the confirmation submits. */
  formAction: (form: FormData) => void;
  pending: boolean;
  triggerLabel: string;
  pendingLabel: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** Hidden fields sent with the confirmation. */
  fields: Record<string, string>;
};

/** A button that opens a confirmation saying what will happen, then submits the action. */
export function ConfirmAction({ formAction, pending, triggerLabel, pendingLabel, title, description, confirmLabel, fields }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" disabled={pending}>
          {pending ? pendingLabel : triggerLabel}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <form
          action={(formData) => {
            setOpen(false);
            formAction(formData);
          }}
        >
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                Cancel
              </Button>
            </DialogClose>
            <SubmitButton variant="danger">{confirmLabel}</SubmitButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
