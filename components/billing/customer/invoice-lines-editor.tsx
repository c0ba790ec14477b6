"use client";

// The lines of a manual invoice: description, quantity, price and kind (a one-time fee or a
// discount), as many as needed. Posted as lines.<n>.<field>, which is also how errors come back.
import { useState } from "react";
import { Plus, Trash2 } from "lucide-react";
import { ChoiceSelect } from "@/components/forms/choice-select";
import { Button } from "@/components/ui/button";
import { Field, firstError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { ActionState } from "@/lib/next/action-state";

const KINDS = [
  { value: "ONE_TIME", label: "One-time fee" },
  { value: "DISCOUNT", label: "Discount" },
];

/** Row numbers the last answer echoed (so a failed form keeps every line typed). */
function echoedRows(values: Record<string, string> | undefined): number[] {
  const rows = new Set<number>();
  for (const key of Object.keys(values ?? {})) {
    const m = /^lines\.(\d{1,3})\./.exec(key);
    if (m) rows.add(Number(m[1]));
  }
  return rows.size ? [...rows].sort((a, b) => a - b) : [0];
}

export function InvoiceLinesEditor({ state, currency }: { state: ActionState; currency: string }) {
  const [rows, setRows] = useState<number[]>(() => echoedRows(state.values));
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};
  const linesError = firstError(e.lines);
  return (
    <>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-gray-700">Lines</legend>
        {rows.map((n, i) => {
          // Named by position, so the posted lines are 0..n-1 whatever was removed, as errors name them.
          const name = (f: string) => `lines.${i}.${f}`;
          return (
            <div key={n} className="grid gap-3 rounded-md border border-gray-200 p-3 sm:grid-cols-[1fr_5rem_8rem_9rem_auto] sm:items-start" data-testid="invoice-line">
              <Field label="Description" name={name("description")} id={`line-${n}-description`} error={e[name("description")]}>
                <Input defaultValue={v[name("description")] ?? ""} />
              </Field>
              <Field label="Qty" name={name("quantity")} id={`line-${n}-quantity`} error={e[name("quantity")]}>
                <Input inputMode="decimal" defaultValue={v[name("quantity")] ?? "1"} />
              </Field>
              <Field label={`Price (${currency})`} name={name("unitPrice")} id={`line-${n}-price`} error={e[name("unitPrice")]}>
                <Input inputMode="decimal" defaultValue={v[name("unitPrice")] ?? ""} />
              </Field>
              <Field label="Kind" name={name("kind")} id={`line-${n}-kind`} error={e[name("kind")]}>
                <ChoiceSelect choices={KINDS} defaultValue={v[name("kind")] ?? "ONE_TIME"} />
              </Field>
              <Button type="button" variant="ghost" size="sm" className="sm:mt-7" aria-label={`Remove line ${i + 1}`} disabled={rows.length === 1} onClick={() => setRows(rows.filter((r) => r !== n))}>
                <Trash2 aria-hidden="true" />
              </Button>
            </div>
          );
        })}
        {linesError && <p className="text-sm text-red-600">{linesError}</p>}
        <Button type="button" variant="secondary" size="sm" disabled={rows.length >= 50} onClick={() => setRows([...rows, Math.max(...rows) + 1])}>
          <Plus aria-hidden="true" /> Add line
        </Button>
      </fieldset>
      <Field label="Notes" name="notes" error={e.notes} hint="Printed on the invoice.">
        <Textarea rows={2} defaultValue={v.notes ?? ""} />
      </Field>
    </>
  );
}
