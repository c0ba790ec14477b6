import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export type PlainColumn = { label: string; align?: "right" };

/** A small bordered table for live and detail views (server lists use DataTable). Columns set to false are left out. */
export function PlainTable({ label, columns, children }: { label: string; columns: (PlainColumn | false | undefined)[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200">
      <table className="min-w-full divide-y divide-gray-200 text-sm" aria-label={label}>
        <thead className="bg-gray-50 text-left text-xs font-medium uppercase tracking-wide text-gray-500">
          <tr>
            {columns.map((c, i) =>
              c ? (
                <th key={i} className={cn("px-3 py-2", c.align === "right" && "text-right")}>
                  {c.label}
                </th>
              ) : null,
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">{children}</tbody>
      </table>
    </div>
  );
}
