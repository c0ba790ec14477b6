import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { updateRadiusSettingsAction, updateTenantProfileAction } from "@/app/_actions/settings";
import { RadiusSettingsForm } from "@/components/tenants/radius-settings-form";
import { radiusSettingsOf } from "@/lib/radius/tenant-radius-settings";
import { SettingsForm } from "@/components/tenants/settings-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";
import { tenantChoices } from "@/lib/tenants/choices";
import { getTenant } from "@/lib/tenants/get-tenant";

export const metadata: Metadata = { title: "Settings" };

export default async function Page() {
  const actor = await requireOperator("admin");
  if (!can(actor, "settings:manage")) forbidden();
  const tenant = await getTenant(actor.tenantId);
  if (!tenant) forbidden();
  const { currencies, timeZones } = tenantChoices();
  return (
    <div className="space-y-6">
      <PageHeader title="ISP settings" description={`Portal address: /portal/${tenant.slug} · Country: ${tenant.country}`} />
      <p className="text-sm">
        <Link href="/admin/settings/payments" className="text-indigo-700 hover:underline">
          Payment gateways →
        </Link>
      </p>
      <Card className="max-w-2xl">
        <CardContent className="pt-6">
          <SettingsForm action={updateTenantProfileAction} tenant={tenant} currencies={currencies} timeZones={timeZones} />
        </CardContent>
      </Card>
      <Card className="max-w-2xl">
        <CardHeader>
          <CardTitle>RADIUS</CardTitle>
        </CardHeader>
        <CardContent>
          <RadiusSettingsForm action={updateRadiusSettingsAction} settings={radiusSettingsOf(tenant.settings)} />
        </CardContent>
      </Card>
    </div>
  );
}
