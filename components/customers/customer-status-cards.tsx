import Link from "next/link";
import { StatCard } from "@/components/ui/stat-card";
import { STATUS_LABELS } from "@/components/format";

const nf = new Intl.NumberFormat("en-US");

/** Total and per-status customer counts, each status linking to the filtered list. */
export function CustomerStatusCards({ total, byStatus, listPath, label }: { total: number; byStatus: Record<string, number>; listPath: string; label: string }) {
  return (
    <section aria-label={label} className="grid grid-cols-2 gap-4 lg:grid-cols-5">
      <StatCard label="Customers" value={nf.format(total)} />
      {Object.entries(byStatus).map(([status, n]) => (
        <Link key={status} href={`${listPath}?status=${status}`} className="rounded-xl focus-visible:outline-2 focus-visible:outline-indigo-600">
          <StatCard label={STATUS_LABELS[status] ?? status} value={nf.format(n)} />
        </Link>
      ))}
    </section>
  );
}
