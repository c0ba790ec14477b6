"use client";

import { useId } from "react";
import { Input } from "@/components/ui/input";
import { useListNavigation } from "@/components/data-table/use-list-navigation";

/** From/to days (the tenant's) kept in the URL as ?from=&to=, like the table's other filters. */
export function DateRangeFilter({ from, to, label }: { from?: string; to?: string; label: string }) {
  const id = useId();
  const { navigate, isPending } = useListNavigation();
  return (
    <fieldset className="flex flex-wrap items-center gap-2" aria-busy={isPending}>
      <legend className="sr-only">{label}</legend>
      <label htmlFor={`${id}-from`} className="text-sm font-medium text-gray-700">
        {label} from
      </label>
      <Input id={`${id}-from`} type="date" className="w-40" defaultValue={from ?? ""} onChange={(e) => navigate({ from: e.target.value })} />
      <label htmlFor={`${id}-to`} className="text-sm font-medium text-gray-700">
        to
      </label>
      <Input id={`${id}-to`} type="date" className="w-40" defaultValue={to ?? ""} onChange={(e) => navigate({ to: e.target.value })} />
    </fieldset>
  );
}
