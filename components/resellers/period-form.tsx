// The period picker of the resellers' statements and reports: a plain GET form (dates in the
// tenant's zone), with extra fields of the page before the dates.
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

export function PeriodForm({ from, to, children }: { from: string; to: string; children?: ReactNode }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3">
      {children}
      <label className="text-sm">
        <span className="mb-1 block text-gray-600">From</span>
        <Input type="date" name="from" defaultValue={from} />
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-gray-600">To</span>
        <Input type="date" name="to" defaultValue={to} />
      </label>
      <button type="submit" className={buttonClasses({ variant: "secondary" })}>
        Show
      </button>
    </form>
  );
}
