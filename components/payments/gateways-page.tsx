// The ISP's payment gateways (Settings > Payment gateways): each gateway with its mode, the
// callback URLs to give the gateway, its last test, a test form and its settings; and a gateway
// added by kind. Secrets are never shown, only whether each is set.
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { saveGatewayAction, testGatewayAction } from "@/app/_actions/payments";
import type { OperatorActor } from "@/lib/audit/actor";
import { listGateways } from "@/lib/payments/gateways-admin";
import { GATEWAY_FORMS } from "@/lib/payments/gateways/fields";
import type { GatewayKindName } from "@/lib/payments/gateways/types";
import { getTenant } from "@/lib/tenants/get-tenant";
import { GatewayForm, TestGatewayForm } from "./payment-forms";

export async function GatewaysPage({ actor, add, edit }: { actor: OperatorActor; add?: string; edit?: string }) {
  const [gateways, tenant] = await Promise.all([listGateways(actor), getTenant(actor.tenantId)]);
  const tz = tenant?.timezone ?? "UTC";
  const kinds = Object.entries(GATEWAY_FORMS) as [GatewayKindName, NonNullable<(typeof GATEWAY_FORMS)[GatewayKindName]>][];
  const adding = kinds.find(([k]) => k === add);
  return (
    <div className="space-y-6">
      <PageHeader title="Payment gateways" description="How customers pay online. Money from a gateway is credited once, however often the gateway calls back." />
      <p className="text-sm">
        <Link href="/admin/settings" className="text-indigo-700 hover:underline">
          ← Settings
        </Link>
        {" · "}
        <Link href="/admin/billing/online" className="text-indigo-700 hover:underline">
          Online payments and callbacks
        </Link>
      </p>
      {gateways.length === 0 && !adding && <p className="text-sm text-gray-600">No gateway yet: add one below.</p>}
      {gateways.map((g) => {
        const spec = GATEWAY_FORMS[g.kind];
        return (
          <Card key={g.id} className="max-w-3xl" data-testid={`gateway-${g.name}`}>
            <CardHeader>
              <CardTitle>
                {g.name} <span className="text-sm font-normal text-gray-500">{g.label}</span>{" "}
                <Badge tone={g.mode === "LIVE" ? "green" : "yellow"}>{g.mode === "LIVE" ? "Live" : "Sandbox"}</Badge> {!g.enabled && <Badge tone="neutral">Off</Badge>}
              </CardTitle>
            </CardHeader>
            <CardContent className="space-y-4">
              <div>
                <h3 className="text-sm font-medium text-gray-900">Give the gateway these addresses</h3>
                <dl className="mt-2 space-y-1 text-sm">
                  {g.callbackUrls.map((u) => (
                    <div key={u.url}>
                      <dt className="text-gray-500">{u.label}</dt>
                      <dd className="break-all font-mono text-xs">{u.url}</dd>
                    </div>
                  ))}
                </dl>
              </div>
              <p className="text-sm" data-testid="gateway-last-test">
                {g.lastTestAt ? (
                  <>
                    <Badge tone={g.lastTestOk ? "green" : "red"}>{g.lastTestOk ? "Works" : "Failed"}</Badge> {formatDateTime(g.lastTestAt, tz)}: {g.lastTestMessage}
                  </>
                ) : (
                  <span className="text-gray-600">Not tested yet.</span>
                )}
              </p>
              <TestGatewayForm action={testGatewayAction} gatewayId={g.id} askPhone={g.kind === "MPESA"} offerPayment={g.kind !== "GENERIC"} />
              {spec &&
                (edit === g.id ? (
                  <GatewayForm action={saveGatewayAction} kind={g.kind} spec={spec} gateway={g} />
                ) : (
                  <Link href={`/admin/settings/payments?edit=${g.id}`} className="text-sm text-indigo-700 hover:underline">
                    Change its settings
                  </Link>
                ))}
            </CardContent>
          </Card>
        );
      })}
      <Card className="max-w-3xl" data-testid="gateway-add">
        <CardHeader>
          <CardTitle>Add a gateway</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <div className="flex flex-wrap gap-2">
            {kinds.map(([k, spec]) => (
              <Link
                key={k}
                href={`/admin/settings/payments?add=${k}`}
                className={`rounded-md border px-3 py-1.5 text-sm ${k === add ? "border-indigo-600 bg-indigo-50 text-indigo-800" : "border-gray-300 text-gray-800 hover:bg-gray-50"}`}
              >
                {spec.label}
              </Link>
            ))}
          </div>
          {adding && (
            <>
              <p className="text-sm text-gray-600">{adding[1].intro}</p>
              <GatewayForm action={saveGatewayAction} kind={adding[0]} spec={adding[1]} />
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
