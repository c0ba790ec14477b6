import type { Metadata } from "next";
import { disconnectCustomerAction } from "@/app/_actions/customers";
import { AutoRefresh } from "@/components/jobs/auto-refresh";
import { OnlineSessionsTable } from "@/components/sessions/online-sessions-table";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { parseListQuery, type SearchParamsRecord } from "@/lib/lists/list-query";
import { requireOperator } from "@/lib/next/actor";
import { listOnlineSessions, onlineSessionsSpec } from "@/lib/radius/list-online-sessions";
import { getTenant } from "@/lib/tenants/get-tenant";

export const metadata: Metadata = { title: "Online now" };

/** The reseller's customers who are online: its subtree only (listOnlineSessions applies customerVisibility). */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const actor = await requireOperator("reseller");
  // Resellers do not manage routers: no router filter or column.
  const query = parseListQuery(await searchParams, onlineSessionsSpec([]));
  const [{ rows, total }, tenant] = await Promise.all([listOnlineSessions(actor, query), getTenant(actor.tenantId)]);
  return (
    <div className="space-y-6">
      <PageHeader title="Online now" description="Your customers' open sessions, from the routers' accounting (refreshes every 10 seconds)." />
      <AutoRefresh active intervalMs={10_000} />
      <OnlineSessionsTable
        rows={rows}
        total={total}
        query={query}
        timeZone={tenant?.timezone ?? "UTC"}
        routers={[]}
        customersPath="/reseller/customers"
        showRouter={false}
        disconnect={can(actor, "customers:manage") ? disconnectCustomerAction : undefined}
      />
    </div>
  );
}
