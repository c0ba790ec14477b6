"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { initialActionState } from "@/lib/next/action-state";
import type { FormAction } from "@/components/forms/action-form";
import type { TaxRateView } from "@/lib/billing/settings/get-billing-settings";

type Props = { rates: TaxRateView[]; save: FormAction; archive: FormAction };

function RateRow({ rate, save, archive }: { rate: TaxRateView; save: FormAction; archive: FormAction }) {
  const [saved, saveAction, saving] = useActionState(save, initialActionState);
  const [archived, archiveAction, archiving] = useActionState(archive, initialActionState);
  const answer = archived.at && (!saved.at || archived.at > saved.at) ? archived : saved;
  return (
    <li className="space-y-2 py-3">
      <div className="flex flex-wrap items-center gap-2">
        <form action={saveAction} className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="id" value={rate.id} />
          <input type="hidden" name="rate" value={rate.rate} />
          <Input name="name" aria-label={`Name of the ${rate.rate}% rate`} defaultValue={rate.name} maxLength={60} className="w-48" disabled={rate.archived} />
          <span className="w-16 text-sm tabular-nums text-gray-700">{rate.rate}%</span>
          {!rate.archived && (
            <Button type="submit" variant="secondary" size="sm" disabled={saving}>
              Rename
            </Button>
          )}
        </form>
        {rate.archived ? (
          <Badge>Archived</Badge>
        ) : (
          <form action={archiveAction}>
            <input type="hidden" name="id" value={rate.id} />
            <Button type="submit" variant="ghost" size="sm" disabled={archiving}>
              Archive
            </Button>
          </form>
        )}
      </div>
      {answer.message && <p className={answer.ok ? "text-sm text-green-700" : "text-sm text-red-700"}>{answer.fieldErrors ? Object.values(answer.fieldErrors).flat()[0] : answer.message}</p>}
    </li>
  );
}

/** Tax rates: add one (a percentage), rename one, archive one. A rate's percentage never changes. */
export function TaxRatesCard({ rates, save, archive }: Props) {
  const [added, addAction, adding] = useActionState(save, initialActionState);
  return (
    <div className="space-y-4">
      {rates.length === 0 ? <p className="text-sm text-gray-600">No tax rates yet.</p> : (
        <ul className="divide-y divide-gray-100">
          {rates.map((r) => (
            <RateRow key={r.id} rate={r} save={save} archive={archive} />
          ))}
        </ul>
      )}
      <form action={addAction} key={added.ok ? added.at : "new"} className="flex flex-wrap items-end gap-2 border-t border-gray-200 pt-4">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-gray-700">New rate name</span>
          <Input name="name" placeholder="VAT" maxLength={60} className="w-48" defaultValue={added.ok ? "" : added.values?.name} aria-invalid={added.fieldErrors?.name ? true : undefined} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-gray-700">Rate (%)</span>
          <Input name="rate" placeholder="16" inputMode="decimal" maxLength={12} className="w-24" defaultValue={added.ok ? "" : added.values?.rate} aria-invalid={added.fieldErrors?.rate ? true : undefined} />
        </label>
        <Button type="submit" disabled={adding}>
          Add rate
        </Button>
      </form>
      {added.message && (
        <Alert tone={added.ok ? "success" : "error"}>{added.fieldErrors ? Object.values(added.fieldErrors).flat().join(" ") : added.message}</Alert>
      )}
    </div>
  );
}
