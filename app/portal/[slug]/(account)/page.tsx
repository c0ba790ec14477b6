import type { Metadata } from "next";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Alert } from "@/components/ui/alert";
import { StatusBadge } from "@/components/status-badge";
import { formatDateTime } from "@/components/format";
import { getCustomerOrThrow } from "@/lib/customers/get-customer";
import { requireCustomer } from "@/lib/next/actor";
import { getTenant } from "@/lib/tenants/get-tenant";
import { listCustomerUsage } from "@/lib/radius/list-customer-usage";
import { UsageChart } from "@/components/charts/usage-chart";
import { PortalPayForm, type PayChoice } from "@/components/payments/portal-pay";
import { startPortalPaymentAction } from "@/app/_actions/portal-payments";
import { formatMoney } from "@/lib/money/format-money";
import { paymentOptions } from "@/lib/payments/start";

export const metadata: Metadata = { title: "My account" };

const STATUS_HELP: Record<string, string> = {
  SUSPENDED: "Your internet access is suspended. Contact your provider or pay your bill to restore it.",
  EXPIRED: "Your package has expired. Renew it to get back online.",
};

export default async function PortalHome({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireCustomer(slug);
  const [me, tenant, usage, pay] = await Promise.all([getCustomerOrThrow(actor, actor.id), getTenant(actor.tenantId), listCustomerUsage(actor, actor.id), paymentOptions(actor)]);
  const tz = tenant?.timezone ?? "UTC";
  const money = (v: bigint) => formatMoney(v, pay.currency, tenant?.locale);
  const choices: PayChoice[] = [
    ...(pay.renewalMinor !== null ? [{ purpose: "RENEWAL" as const, label: pay.owedMinor > 0n ? "What you owe and the next period" : "The next period of your package", amount: money(pay.renewalMinor) }] : []),
    ...(pay.owedMinor > 0n ? [{ purpose: "BALANCE" as const, label: "What you owe", amount: money(pay.owedMinor) }] : []),
  ];
  return (
    <div className="space-y-6">
      <PageHeader title={`Hello, ${me.name}`} description={`Account ${me.username}`} actions={<StatusBadge status={me.status} />} />
      {STATUS_HELP[me.status] && <Alert tone="info">{STATUS_HELP[me.status]}</Alert>}
      {pay.gateways.length > 0 && choices.length > 0 && (
        <Card className="max-w-2xl" data-testid="portal-pay">
          <CardHeader>
            <CardTitle>Pay online</CardTitle>
          </CardHeader>
          <CardContent>
            <PortalPayForm action={startPortalPaymentAction} choices={choices} gateways={pay.gateways} phone={pay.phone} />
          </CardContent>
        </Card>
      )}
      <Card className="max-w-2xl">
        <CardHeader>
          <CardTitle>Profile</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
            <dt className="text-gray-500">Username</dt>
            <dd className="font-mono sm:col-span-2">{me.username}</dd>
            <dt className="text-gray-500">Status</dt>
            <dd className="sm:col-span-2" data-testid="customer-status">{me.status}</dd>
            <dt className="text-gray-500">Mobile</dt>
            <dd className="sm:col-span-2">{me.mobile ?? "—"}</dd>
            <dt className="text-gray-500">Email</dt>
            <dd className="sm:col-span-2">{me.email ?? "—"}</dd>
            <dt className="text-gray-500">Address</dt>
            <dd className="sm:col-span-2">{me.address ?? "—"}</dd>
            <dt className="text-gray-500">Served by</dt>
            <dd className="sm:col-span-2">{me.owner?.name ?? tenant?.name}</dd>
            <dt className="text-gray-500">Customer since</dt>
            <dd className="sm:col-span-2">{formatDateTime(me.createdAt, tz)}</dd>
            <dt className="text-gray-500">Access until</dt>
            <dd className="sm:col-span-2" data-testid="customer-expiry">{me.expiresAt ? formatDateTime(me.expiresAt, tz) : "no end date"}</dd>
          </dl>
        </CardContent>
      </Card>
      <Card className="max-w-2xl">
        <CardHeader>
          <CardTitle>My data usage</CardTitle>
        </CardHeader>
        <CardContent>
          <UsageChart points={usage} />
        </CardContent>
      </Card>
    </div>
  );
}
