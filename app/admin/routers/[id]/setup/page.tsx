import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { RouterSetupPanel } from "@/components/routers/setup/router-setup-panel";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";
import { getRouterSetupStatus } from "@/lib/routers/setup/router-setup-progress";
import { getTenant } from "@/lib/tenants/get-tenant";
import { applyRouterSetupAction, dryRunRouterSetupAction, routerSetupProgressAction } from "../setup-actions";
import { notFoundOn404 } from "@/lib/next/not-found";

export const metadata: Metadata = { title: "Router setup" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "routers:view")) forbidden();
  const { id } = await params;
  if (!can(actor, "routers:manage")) {
    return <p className="text-sm text-gray-600">Configuring the router needs an owner or admin.</p>;
  }
  const [status, tenant] = await Promise.all([
    getRouterSetupStatus(actor, id).catch(notFoundOn404),
    getTenant(actor.tenantId),
  ]);
  return (
    <Card className="max-w-5xl">
      <CardHeader>
        <CardTitle>One-click setup</CardTitle>
        <CardDescription>
          Configures the router for the product over its API: RADIUS for PPP and hotspot, CoA, PPP accounting, one PPPoE session per host, hotspot
          MAC login, the portal&apos;s walled garden and the suspended list&apos;s firewall rules. Preview first; applying is safe to repeat and never
          removes the router&apos;s own configuration.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <RouterSetupPanel
          routerId={id}
          status={status}
          timeZone={tenant?.timezone ?? "UTC"}
          dryRunAction={dryRunRouterSetupAction}
          applyAction={applyRouterSetupAction}
          progressAction={routerSetupProgressAction}
        />
      </CardContent>
    </Card>
  );
}
