import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import type { ActionState } from "@/lib/next/action-state";

/** The "Reason" box of a correction or status dialog, with the last answer's error and text. */
export function ReasonField({ s, required, hint }: { s: ActionState; required?: boolean; hint?: string }) {
  return (
    <Field label="Reason" name="reason" error={s.fieldErrors?.reason} required={required} hint={hint}>
      <Textarea rows={2} defaultValue={s.values?.reason ?? ""} />
    </Field>
  );
}
