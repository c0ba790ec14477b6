"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { initialActionState, type ActionState } from "@/lib/next/action-state";
import type { ImportReport } from "@/lib/customers/import-customers";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function ImportForm({ action, columns }: { action: Action; columns: readonly string[] }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const report = state.values?.report ? (JSON.parse(state.values.report) as ImportReport) : null;
  return (
    <div className="space-y-5">
      <form action={formAction} className="space-y-4" encType="multipart/form-data">
        <Field label="CSV file" name="file" error={state.fieldErrors?.file} hint={`Columns: ${columns.join(", ")}. username, password and name are required.`}>
          <input type="file" accept=".csv,text/csv" className="block text-sm" />
        </Field>
        <div className="flex gap-3">
          <Button type="submit" name="intent" value="check" variant="secondary" disabled={pending}>
            Check file
          </Button>
          <Button type="submit" name="intent" value="commit" disabled={pending}>
            Import
          </Button>
        </div>
      </form>
      {state.message && <Alert tone={state.ok ? (report?.problems.length ? "info" : "success") : "error"}>{state.message}</Alert>}
      {report && report.problems.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Rows with problems">
            <thead className="text-xs uppercase text-gray-500">
              <tr>
                <th className="py-2 pr-3">Line</th>
                <th className="py-2 pr-3">Username</th>
                <th className="py-2 pr-3">Column</th>
                <th className="py-2">Problem</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {report.problems.map((p, i) => (
                <tr key={i}>
                  <td className="py-1.5 pr-3 tabular-nums">{p.line}</td>
                  <td className="py-1.5 pr-3 font-mono text-xs">{p.username || "—"}</td>
                  <td className="py-1.5 pr-3 font-mono text-xs">{p.field}</td>
                  <td className="py-1.5 text-red-700">{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
