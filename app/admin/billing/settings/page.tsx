import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { BillingSettingsForm } from "@/components/billing/settings/billing-settings-form";
import { TaxRatesCard } from "@/components/billing/settings/tax-rates-card";
import { LogoForm } from "@/components/billing/settings/logo-form";
import { archiveTaxRateAction, previewNumberAction, saveTaxRateAction, updateBillingSettingsAction, uploadLogoAction } from "@/app/_actions/billing-settings";
import { can } from "@/lib/auth/permissions";
import { getBillingSettings } from "@/lib/billing/settings/get-billing-settings";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Billing settings" };

export default async function Page() {
  const actor = await requireOperator("admin");
  if (!can(actor, "billing:settings")) forbidden();
  const settings = await getBillingSettings(actor);
  const liveRates = settings.taxRates.filter((r) => !r.archived).map((r) => ({ value: r.id, label: `${r.name} (${r.rate}%)` }));
  return (
    <div className="space-y-6">
      <PageHeader title="Billing settings" description={`How and when customers are billed, in ${settings.currency}, on ${settings.timeZone} time.`} />
      <div className="grid gap-6 xl:grid-cols-3">
        <Card className="xl:col-span-2">
          <CardContent className="pt-6">
            <BillingSettingsForm action={updateBillingSettingsAction} preview={previewNumberAction} values={settings.values} currency={settings.currency} taxRates={liveRates} />
          </CardContent>
        </Card>
        <div className="space-y-6">
          <Card>
            <CardHeader>
              <CardTitle>Tax rates</CardTitle>
              <CardDescription>Invoices keep the rate they were issued with; archive a rate instead of changing it.</CardDescription>
            </CardHeader>
            <CardContent>
              <TaxRatesCard rates={settings.taxRates} save={saveTaxRateAction} archive={archiveTaxRateAction} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Logo</CardTitle>
              <CardDescription>PNG or JPEG, at most 512 KB.</CardDescription>
            </CardHeader>
            <CardContent>
              <LogoForm action={uploadLogoAction} hasLogo={settings.hasLogo} version={settings.updatedAt} />
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
