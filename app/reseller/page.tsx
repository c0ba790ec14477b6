import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { CustomerStatusCards } from "@/components/customers/customer-status-cards";
import { requireOperator } from "@/lib/next/actor";
import { getResellerOverview } from "@/lib/operators/get-reseller-overview";

export const metadata: Metadata = { title: "Overview" };

export default async function ResellerHome() {
  const actor = await requireOperator("reseller");
  const overview = await getResellerOverview(actor);
  const nf = new Intl.NumberFormat("en-US");
  return (
    <div className="space-y-6">
      <PageHeader title={`Welcome, ${actor.name}`} description="Your customers and your network of sub-resellers." />
      <CustomerStatusCards total={overview.customersTotal} byStatus={overview.customersByStatus} listPath="/reseller/customers" label="Your customers" />
      {actor.role === "RESELLER" && (
        <section aria-label="Sub-resellers" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <Link href="/reseller/sub-resellers" className="rounded-xl focus-visible:outline-2 focus-visible:outline-indigo-600">
            <StatCard label="Sub-resellers" value={nf.format(overview.subResellers)} />
          </Link>
        </section>
      )}
    </div>
  );
}
