import type { ReactNode } from "react";
import { forbidden } from "next/navigation";
import { formatDateTime } from "@/components/format";
import { Breadcrumbs } from "@/components/panel-shell/breadcrumbs";
import { RouterTabs } from "@/components/routers/router-tabs";
import { StatusBadge } from "@/components/status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";
import { getRouterOrThrow } from "@/lib/routers/get-router";
import { getTenant } from "@/lib/tenants/get-tenant";
import { notFoundOn404 } from "@/lib/next/not-found";

/** The router's header and section tabs, around each section's page. */
export default async function RouterLayout({ params, children }: { params: Promise<{ id: string }>; children: ReactNode }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "routers:view")) forbidden();
  const { id } = await params;
  const [router, tenant] = await Promise.all([
    getRouterOrThrow(actor, id).catch(notFoundOn404),
    getTenant(actor.tenantId),
  ]);
  const timeZone = tenant?.timezone ?? "UTC";
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Routers", href: "/admin/routers" }, { label: router.name }]} />
      <PageHeader
        title={router.name}
        description={`${router.nasIp}${router.site ? ` · ${router.site}` : ""} · ${router.openSessions} online · added ${formatDateTime(router.createdAt, timeZone)}`}
        actions={
          <div className="flex items-center gap-2">
            {router.health !== "UNKNOWN" && <StatusBadge status={router.health} />}
            <StatusBadge status={router.status} />
          </div>
        }
      />
      <RouterTabs basePath={`/admin/routers/${router.id}`} />
      {children}
    </div>
  );
}
