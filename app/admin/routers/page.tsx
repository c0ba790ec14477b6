import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { RoutersTable } from "@/components/routers/routers-table";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { parseListQuery } from "@/lib/lists/list-query";
import { requireOperator } from "@/lib/next/actor";
import { listRouters, ROUTER_LIST_SPEC } from "@/lib/routers/list-routers";
import { getTenant } from "@/lib/tenants/get-tenant";

export const metadata: Metadata = { title: "Routers" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "routers:view")) forbidden();
  const query = parseListQuery(await searchParams, ROUTER_LIST_SPEC);
  const [{ rows, total }, tenant] = await Promise.all([listRouters(actor, query), getTenant(actor.tenantId)]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Routers"
        description="Your MikroTik routers, as FreeRADIUS clients."
        actions={
          can(actor, "routers:manage") && (
            <Link href="/admin/routers/new" className={buttonClasses({ variant: "primary" })}>
              New router
            </Link>
          )
        }
      />
      <RoutersTable rows={rows} total={total} query={query} timeZone={tenant?.timezone ?? "UTC"} basePath="/admin/routers" />
    </div>
  );
}
