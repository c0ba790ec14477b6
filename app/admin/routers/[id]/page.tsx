import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { disconnectCustomerAction } from "@/app/_actions/customers";
import { rotateRouterSecretAction, updateRouterAction, verifyRouterAction } from "@/app/_actions/routers";
import { RotateSecretForm, RouterForm, VerifyRouterForm } from "@/components/routers/router-form";
import { OnlineSessionsTable } from "@/components/sessions/online-sessions-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { parseListQuery, type SearchParamsRecord } from "@/lib/lists/list-query";
import { requireOperator } from "@/lib/next/actor";
import { listOnlineSessions, onlineSessionsSpec } from "@/lib/radius/list-online-sessions";
import { getRouterOrThrow } from "@/lib/routers/get-router";
import { getTenant } from "@/lib/tenants/get-tenant";
import { notFoundOn404 } from "@/lib/next/not-found";

export const metadata: Metadata = { title: "Router" };


export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "routers:view")) forbidden();
  const { id } = await params;
  const query = parseListQuery(await searchParams, onlineSessionsSpec([]));
  const [router, tenant, sessions] = await Promise.all([
    getRouterOrThrow(actor, id).catch(notFoundOn404),
    getTenant(actor.tenantId),
    listOnlineSessions(actor, query, { routerId: id }).catch(notFoundOn404),
  ]);
  const timeZone = tenant?.timezone ?? "UTC";
  const manage = can(actor, "routers:manage");
  const commands = [
    `/radius add service=ppp,hotspot address=<FreeRADIUS address> secret=<the secret you copied> src-address=${router.nasIp}${router.requireMessageAuthenticator ? " require-message-auth=yes-for-request-resp" : ""}`,
    `/radius incoming set accept=yes port=${router.coaPort}`,
    `/ppp aaa set use-radius=yes accounting=yes interim-update=5m`,
  ].join("\n");
  return (
    <div className="space-y-6">
      <div className="grid max-w-5xl gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            {manage ? (
              <RouterForm action={updateRouterAction} router={router} />
            ) : (
              <p className="text-sm text-gray-600">You can view this router but not change it.</p>
            )}
          </CardContent>
        </Card>
        <div className="space-y-6">
          <Card>
            <CardHeader>
              <CardTitle>Configure RADIUS on the router</CardTitle>
              <CardDescription>
                In the RouterOS terminal, replace the placeholders with FreeRADIUS&apos;s address and the secret shown when the router was added (or last
                rotated).
              </CardDescription>
            </CardHeader>
            <CardContent>
              <pre aria-label="RouterOS commands" className="overflow-x-auto rounded-md bg-gray-900 p-4 font-mono text-xs leading-relaxed text-gray-100">
                <code>{commands}</code>
              </pre>
              <p className="mt-3 text-sm text-gray-500">
                Hotspot too: <code className="font-mono text-xs">/ip hotspot profile set [find] use-radius=yes radius-interim-update=5m</code>
              </p>
            </CardContent>
          </Card>
          {manage && (
            <Card>
              <CardHeader>
                <CardTitle>Verify the router</CardTitle>
                <CardDescription>Once the router has its secret and accepts requests on its CoA port, verify it: its signed answer proves this address is yours.</CardDescription>
              </CardHeader>
              <CardContent>
                <VerifyRouterForm action={verifyRouterAction} routerId={router.id} proven={router.proven} />
              </CardContent>
            </Card>
          )}
          {manage && (
            <Card>
              <CardHeader>
                <CardTitle>RADIUS secret</CardTitle>
                <CardDescription>The secret is only shown when generated. Lost it? Generate a new one and give it to the router.</CardDescription>
              </CardHeader>
              <CardContent>
                <RotateSecretForm action={rotateRouterSecretAction} routerId={router.id} />
              </CardContent>
            </Card>
          )}
        </div>
      </div>
      <section aria-label="Sessions on this router" className="space-y-3">
        <div>
          <h2 className="text-base font-semibold text-gray-900">Online now</h2>
          <p className="text-sm text-gray-500">
            Open sessions this router reports in accounting. One silent for three interim updates is closed as stale.
          </p>
        </div>
        <OnlineSessionsTable
          rows={sessions.rows}
          total={sessions.total}
          query={query}
          timeZone={timeZone}
          routers={[]}
          customersPath="/admin/customers"
          showRouter={false}
          disconnect={can(actor, "customers:manage") ? disconnectCustomerAction : undefined}
        />
      </section>
    </div>
  );
}
