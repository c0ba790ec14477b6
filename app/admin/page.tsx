import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_LABELS } from "@/components/format";
import { CustomerStatusCards } from "@/components/customers/customer-status-cards";
import { getBillingTiles, getDashboardCounts } from "@/lib/tenants/get-dashboard-counts";
import { StatCard } from "@/components/ui/stat-card";
import { formatMoney } from "@/lib/money/format-money";
import { can } from "@/lib/auth/permissions";
import { getTenant } from "@/lib/tenants/get-tenant";
import { listTenantDigests } from "@/lib/reports/list-tenant-digests";
import { CustomerTrendChart } from "@/components/charts/customer-trend-chart";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Dashboard" };

export default async function AdminDashboard() {
  const actor = await requireOperator("admin");
  const [counts, trend, money, tenant] = await Promise.all([
    getDashboardCounts(actor),
    listTenantDigests(actor),
    can(actor, "billing:view") ? getBillingTiles(actor) : Promise.resolve(null),
    getTenant(actor.tenantId),
  ]);
  const locale = tenant?.locale ?? "en";
  const nf = new Intl.NumberFormat("en-US");
  return (
    <div className="space-y-6">
      <PageHeader title="Dashboard" description="Your ISP at a glance." />
      {money && (
        <div className="grid gap-4 sm:grid-cols-3" data-testid="billing-tiles">
          <Link href="/admin/billing/payments" className="rounded-lg focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none">
            <StatCard label="Collected today" value={formatMoney(money.collectedTodayMinor, money.currency, locale)} hint={`${nf.format(money.paymentsToday)} payments, your time zone's day`} className="h-full hover:border-indigo-300" />
          </Link>
          <Link href="/admin/billing/invoices?sort=balance&dir=desc" className="rounded-lg focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none">
            <StatCard label="Outstanding receivables" value={formatMoney(money.outstandingMinor, money.currency, locale)} hint={`${nf.format(money.openInvoices)} open invoices`} className="h-full hover:border-indigo-300" />
          </Link>
          <Link href="/admin/customers?status=ACTIVE&sort=expiresAt&dir=asc" className="rounded-lg focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none">
            <StatCard label="Expiring in 7 days" value={nf.format(money.expiringIn7Days)} hint="Customers whose service ends this week" className="h-full hover:border-indigo-300" />
          </Link>
        </div>
      )}
      <CustomerStatusCards total={counts.customersTotal} byStatus={counts.customersByStatus} listPath="/admin/customers" label="Customers by status" />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Operators</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-3 text-sm">
              {["OWNER", "ADMIN", "MANAGER", "RESELLER", "SUB_RESELLER"].map((role) => (
                <div key={role} className="flex justify-between rounded-md bg-gray-50 px-3 py-2">
                  <dt className="text-gray-600">{ROLE_LABELS[role]}s</dt>
                  <dd className="font-semibold" data-testid={`operators-${role}`}>{nf.format(counts.operatorsByRole[role] ?? 0)}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Activity</CardTitle>
          </CardHeader>
          <CardContent className="text-sm text-gray-700">
            <p>
              <span className="text-2xl font-semibold text-gray-900">{nf.format(counts.auditLast24h)}</span> changes recorded in the last 24 hours.
            </p>
            <Link href="/admin/audit" className="mt-2 inline-block font-medium text-indigo-700 hover:underline">
              Open the audit log
            </Link>
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Customers over time</CardTitle>
        </CardHeader>
        <CardContent>
          {trend.length > 1 ? (
            <CustomerTrendChart points={trend} />
          ) : (
            <p className="text-sm text-gray-600" data-testid="trend-empty">
              A snapshot of your customers is taken every night at midnight, your time. The trend appears here from the second one on.
            </p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
