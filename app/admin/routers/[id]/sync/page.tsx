import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { DriftTable } from "@/components/routers/provisioning/drift-table";
import { ProvisioningSettingsForm } from "@/components/routers/provisioning/provisioning-settings-form";
import { RouterSyncPanel } from "@/components/routers/provisioning/router-sync-panel";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";
import { getRouterSyncSummary, listRouterDrift } from "@/lib/routers/provisioning/router-sync-summary";
import { getTenant } from "@/lib/tenants/get-tenant";
import { resolveAllDriftAction, resolveDriftAction, saveProvisioningSettingsAction, syncNowAction } from "../provisioning-actions";
import { notFoundOn404 } from "@/lib/next/not-found";

export const metadata: Metadata = { title: "Router sync" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "routers:view")) forbidden();
  const { id } = await params;
  const [summary, drift, tenant] = await Promise.all([getRouterSyncSummary(actor, id).catch(notFoundOn404), listRouterDrift(actor, id).catch(notFoundOn404), getTenant(actor.tenantId)]);
  const timeZone = tenant?.timezone ?? "UTC";
  const manage = can(actor, "routers:manage");
  return (
    <div className="space-y-6">
      <RouterSyncPanel summary={summary} timeZone={timeZone} syncNowAction={manage ? syncNowAction : undefined} />
      <section aria-label="Drift" className="space-y-3">
        <div>
          <h2 className="text-base font-semibold text-gray-900">Drift</h2>
          <p className="text-sm text-gray-500">Our items that someone changed on the router by hand. Restore ours, or accept the router&apos;s value.</p>
        </div>
        <DriftTable routerId={id} rows={drift.rows} total={drift.total} resolveAction={manage ? resolveDriftAction : undefined} resolveAllAction={manage ? resolveAllDriftAction : undefined} />
      </section>
      {manage && (
        <Card className="max-w-3xl">
          <CardHeader>
            <CardTitle>API-mode settings</CardTitle>
            <CardDescription>Where this router&apos;s customers are provisioned (used when the router is in API mode).</CardDescription>
          </CardHeader>
          <CardContent>
            <ProvisioningSettingsForm action={saveProvisioningSettingsAction} routerId={id} settings={summary.settings} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
