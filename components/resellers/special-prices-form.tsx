"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { formatMoney } from "@/components/format";
import { Input } from "@/components/ui/input";
import { minorToDecimalString } from "@/lib/money/format-money";
import type { SpecialPriceRow } from "@/lib/resellers/special-prices";

type Props = {
  action: FormAction;
  operatorId: string;
  rows: SpecialPriceRow[];
  /** "reseller" or "sub-reseller", for the words. */
  noun: string;
};

/** Minor units as the form shows them: "2200.00", in the currency's decimals. */
function typed(minor: string, currency: string): string {
  return minorToDecimalString(BigInt(minor), currency);
}

/** One price per package on sale to resellers; empty means the tier price. Errors land on their row. */
export function SpecialPricesForm({ action, operatorId, rows, noun }: Props) {
  return (
    <ActionForm action={action} submitLabel="Save prices" pendingText="Saving…">
      {(state) => {
        const e = state.fieldErrors ?? {};
        return (
          <>
            <input type="hidden" name="operatorId" value={operatorId} />
            <p className="text-sm text-gray-600">What this {noun} pays for one period, instead of the package&apos;s buy price. Leave a price empty for the package&apos;s.</p>
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm">
                <thead>
                  <tr className="border-b border-gray-200 text-left text-xs font-semibold tracking-wide text-gray-500 uppercase">
                    <th className="py-2 pr-4">Package</th>
                    <th className="hidden py-2 pr-4 text-right sm:table-cell">Customer price</th>
                    <th className="hidden py-2 pr-4 text-right sm:table-cell">Buy price</th>
                    <th className="py-2">Special price</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const name = `price.${r.packageId}`;
                    const error = e[name]?.[0];
                    const value = state.values?.[name] ?? (r.specialPriceMinor === null ? "" : typed(r.specialPriceMinor, r.currency));
                    return (
                      <tr key={r.packageId} className="border-b border-gray-100 align-top">
                        <td className="py-2 pr-4 font-medium text-gray-900">
                          <label htmlFor={name}>{r.packageName}</label>
                          {/* On a phone the two price columns fold under the name. */}
                          <span className="block text-xs font-normal text-gray-500 sm:hidden">
                            {formatMoney(BigInt(r.customerPriceMinor), r.currency)} · buys at {formatMoney(BigInt(r.tierPriceMinor), r.currency)}
                          </span>
                        </td>
                        <td className="hidden py-2 pr-4 text-right whitespace-nowrap sm:table-cell">{formatMoney(BigInt(r.customerPriceMinor), r.currency)}</td>
                        <td className="hidden py-2 pr-4 text-right whitespace-nowrap sm:table-cell">{formatMoney(BigInt(r.tierPriceMinor), r.currency)}</td>
                        <td className="py-2">
                          <Input id={name} name={name} inputMode="decimal" defaultValue={value} placeholder={typed(r.tierPriceMinor, r.currency)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${name}-error` : undefined} className="w-32 sm:w-36" autoComplete="off" />
                          {error && (
                            <p id={`${name}-error`} data-field-error={name} className="mt-1 text-xs text-red-700">
                              {error}
                            </p>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {rows.length === 0 && <p className="text-sm text-gray-600">No package is on sale to resellers yet.</p>}
          </>
        );
      }}
    </ActionForm>
  );
}
