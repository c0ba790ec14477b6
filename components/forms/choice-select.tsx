import { Select } from "@/components/ui/select";
import type { FieldControlProps } from "@/components/ui/field";

export type Choice = { value: string; label: string };

/** A native select over a list of choices, for use inside <Field>. */
export function ChoiceSelect({ choices, defaultValue, placeholder, ...props }: Partial<FieldControlProps> & { choices: Choice[]; defaultValue?: string; placeholder?: string }) {
  return (
    <Select defaultValue={defaultValue ?? ""} {...props}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </Select>
  );
}
