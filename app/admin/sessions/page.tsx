import type { Metadata } from "next";
import { disconnectCustomerAction } from "@/app/_actions/customers";
import { AutoRefresh } from "@/components/jobs/auto-refresh";
import { OnlineSessionsTable } from "@/components/sessions/online-sessions-table";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { parseListQuery } from "@/lib/lists/list-query";
import { requireOperator } from "@/lib/next/actor";
import { listOnlineSessions, listRouterChoices, onlineSessionsSpec } from "@/lib/radius/list-online-sessions";
import { getTenant } from "@/lib/tenants/get-tenant";

export const metadata: Metadata = { title: "Online now" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireOperator("admin");
  const routers = await listRouterChoices(actor);
  const query = parseListQuery(await searchParams, onlineSessionsSpec(routers.map((r) => r.id)));
  const [{ rows, total }, tenant] = await Promise.all([listOnlineSessions(actor, query), getTenant(actor.tenantId)]);
  return (
    <div className="space-y-6">
      <PageHeader title="Online now" description="Open sessions reported by your routers' accounting (refreshes every 10 seconds)." />
      <AutoRefresh active intervalMs={10_000} />
      <OnlineSessionsTable
        rows={rows}
        total={total}
        query={query}
        timeZone={tenant?.timezone ?? "UTC"}
        routers={routers}
        customersPath="/admin/customers"
        disconnect={can(actor, "customers:manage") ? disconnectCustomerAction : undefined}
      />
    </div>
  );
}
