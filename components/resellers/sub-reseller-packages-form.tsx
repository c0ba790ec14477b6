"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { formatMoney } from "@/components/format";
import { Checkbox } from "@/components/ui/checkbox";
import type { SubResellerPackageRow } from "@/lib/resellers/sub-reseller-packages";

type Props = { action: FormAction; operatorId: string; rows: SubResellerPackageRow[] };

/** One tick per package on sale to resellers: ticked, the sub-reseller sells it. */
export function SubResellerPackagesForm({ action, operatorId, rows }: Props) {
  return (
    <ActionForm action={action} submitLabel="Save packages" pendingText="Saving…">
      {() => (
        <>
          <input type="hidden" name="operatorId" value={operatorId} />
          <p className="text-sm text-gray-600">What this sub-reseller may sell. A package the ISP puts on sale later is ticked until you untick it; customers already on an unticked package keep it.</p>
          <fieldset className="space-y-2">
            <legend className="sr-only">Packages</legend>
            {rows.map((r) => (
              <Checkbox key={r.packageId} name={`sells.${r.packageId}`} label={`${r.packageName} (${formatMoney(BigInt(r.customerPriceMinor), r.currency)})`} defaultChecked={r.sells} />
            ))}
          </fieldset>
          {rows.length === 0 && <p className="text-sm text-gray-600">No package is on sale to resellers yet.</p>}
        </>
      )}
    </ActionForm>
  );
}
