import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export interface StatCardProps {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
  /** A decorative icon element, e.g. <Users />; hidden from assistive tech. */
  icon?: ReactNode;
  className?: string;
}

export function StatCard({ label, value, hint, icon, className }: StatCardProps) {
  return (
    <div className={cn("rounded-lg border border-gray-200 bg-white p-5 shadow-sm", className)}>
      <dl className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <dt className="truncate text-sm font-medium text-gray-500">{label}</dt>
          <dd className="mt-1 text-2xl font-semibold tracking-tight text-gray-900 tabular-nums">{value}</dd>
          {hint && <dd className="mt-1 text-xs text-gray-500">{hint}</dd>}
        </div>
        {icon && (
          <span
            aria-hidden="true"
            className="flex size-10 shrink-0 items-center justify-center rounded-md bg-indigo-50 text-indigo-600 [&_svg]:size-5"
          >
            {icon}
          </span>
        )}
      </dl>
    </div>
  );
}
