import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { ROLE_LABELS, STATUS_LABELS } from "@/components/format";
import { getDashboardCounts } from "@/lib/tenants/get-dashboard-counts";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Dashboard" };

export default async function AdminDashboard() {
  const actor = await requireOperator("admin");
  const counts = await getDashboardCounts(actor);
  const nf = new Intl.NumberFormat("en-US");
  return (
    <div className="space-y-6">
      <PageHeader title="Dashboard" description="Your ISP at a glance." />
      <section aria-label="Customers by status" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <StatCard label="Customers" value={nf.format(counts.customersTotal)} />
        {Object.entries(counts.customersByStatus).map(([status, n]) => (
          <Link key={status} href={`/admin/customers?status=${status}`} className="rounded-xl focus-visible:outline-2 focus-visible:outline-indigo-600">
            <StatCard label={STATUS_LABELS[status] ?? status} value={nf.format(n)} />
          </Link>
        ))}
      </section>
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
    </div>
  );
}
