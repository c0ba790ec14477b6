import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { removeRouterApiAction, saveRouterApiAction, testRouterConnectionAction } from "@/app/_actions/routers";
import { RemoveApiAccess } from "@/components/routers/remove-api-access";
import { RouterApiForm, TestConnectionForm } from "@/components/routers/router-api-form";
import { RouterApiLogTable, RouterHealthChart, RouterHealthFacts } from "@/components/routers/router-health";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";
import { getRouterApi } from "@/lib/routers/get-router-api";
import { getTenant } from "@/lib/tenants/get-tenant";
import { notFoundOn404 } from "@/lib/next/not-found";

export const metadata: Metadata = { title: "Router API & health" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "routers:view")) forbidden();
  const { id } = await params;
  const [data, tenant] = await Promise.all([
    getRouterApi(actor, id).catch(notFoundOn404),
    getTenant(actor.tenantId),
  ]);
  const timeZone = tenant?.timezone ?? "UTC";
  const manage = can(actor, "routers:manage");
  const configured = Boolean(data.api.apiHost && data.api.apiUsername);
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>RouterOS API access</CardTitle>
          <CardDescription>
            How the app talks to this router for health, one-click setup, API-mode customers and live views. The password is stored encrypted and
            never shown.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          {manage ? (
            <>
              <RouterApiForm action={saveRouterApiAction} routerId={id} api={data.api} />
              {configured && (
                <div className="flex flex-wrap items-start gap-3 border-t border-gray-100 pt-4">
                  <TestConnectionForm action={testRouterConnectionAction} routerId={id} />
                  <RemoveApiAccess action={removeRouterApiAction} routerId={id} />
                </div>
              )}
            </>
          ) : (
            <p className="text-sm text-gray-600">
              {configured ? `API at ${data.api.apiHost}${data.api.apiPort ? `:${data.api.apiPort}` : ""} as ${data.api.apiUsername}, ${data.api.mode} mode.` : "No API access configured."}
            </p>
          )}
        </CardContent>
      </Card>
      <div className="space-y-6">
        <Card>
          <CardHeader>
            <CardTitle>Health</CardTitle>
            <CardDescription>Checked every 5 minutes while API access is configured.</CardDescription>
          </CardHeader>
          <CardContent className="space-y-6">
            <RouterHealthFacts health={data.health} timeZone={timeZone} />
            <RouterHealthChart points={data.history} timeZone={timeZone} />
          </CardContent>
        </Card>
      </div>
      <section aria-label="API log" className="space-y-3 xl:col-span-2">
        <div>
          <h2 className="text-base font-semibold text-gray-900">API log</h2>
          <p className="text-sm text-gray-500">The latest calls to this router, newest first. Passwords and secrets are masked.</p>
        </div>
        <RouterApiLogTable rows={data.log} timeZone={timeZone} />
      </section>
    </div>
  );
}
