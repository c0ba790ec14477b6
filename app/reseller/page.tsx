import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { CustomerStatusCards } from "@/components/customers/customer-status-cards";
import { requireOperator } from "@/lib/next/actor";
import { getResellerOverview } from "@/lib/operators/get-reseller-overview";
import { formatMoney } from "@/components/format";

export const metadata: Metadata = { title: "Overview" };

export default async function ResellerHome() {
  const actor = await requireOperator("reseller");
  const overview = await getResellerOverview(actor);
  const nf = new Intl.NumberFormat("en-US");
  return (
    <div className="space-y-6">
      <PageHeader title={`Welcome, ${actor.name}`} description="Your wallet, your customers and your sub-resellers." />
      <section aria-label="Money" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Link href="/reseller/wallet" className="rounded-xl focus-visible:outline-2 focus-visible:outline-indigo-600">
          <StatCard
            label={overview.wallet.balanceMinor < 0n ? "You owe" : "Wallet"}
            value={<span data-testid="overview-wallet">{formatMoney(overview.wallet.balanceMinor < 0n ? -overview.wallet.balanceMinor : overview.wallet.balanceMinor, overview.currency)}</span>}
            hint={`Can spend ${formatMoney(overview.wallet.availableMinor, overview.currency)}`}
          />
        </Link>
        <StatCard label="Recharges today" value={nf.format(overview.rechargesToday)} hint={`Customers paid ${formatMoney(overview.rechargesTodayMinor, overview.currency)}`} />
        <Link href="/reseller/wallet?account=commissions" className="rounded-xl focus-visible:outline-2 focus-visible:outline-indigo-600">
          <StatCard label="Commissions this month" value={formatMoney(overview.commissionsThisMonthMinor, overview.currency)} />
        </Link>
        <Link href="/reseller/customers?status=ACTIVE&sort=expiresAt&dir=asc" className="rounded-xl focus-visible:outline-2 focus-visible:outline-indigo-600">
          <StatCard label="Expiring this week" value={nf.format(overview.expiringThisWeek)} hint="Recharge them before they lapse" />
        </Link>
      </section>
      <CustomerStatusCards total={overview.customersTotal} byStatus={overview.customersByStatus} listPath="/reseller/customers" label="Your customers" />
      {actor.role === "RESELLER" && (
        <section aria-label="Sub-resellers" className="grid grid-cols-2 gap-4 lg:grid-cols-5">
          <Link href="/reseller/sub-resellers" className="rounded-xl focus-visible:outline-2 focus-visible:outline-indigo-600">
            <StatCard label="Sub-resellers" value={nf.format(overview.subResellers)} />
          </Link>
        </section>
      )}
    </div>
  );
}
