import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PackagesTable } from "@/components/packages/packages-table";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { parseListQuery } from "@/lib/lists/list-query";
import { requireOperator } from "@/lib/next/actor";
import { listPackages, PACKAGE_LIST_SPEC } from "@/lib/packages/list-packages";

export const metadata: Metadata = { title: "Packages" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireOperator("reseller");
  if (!can(actor, "packages:view")) forbidden();
  const query = parseListQuery(await searchParams, PACKAGE_LIST_SPEC);
  const { rows, total } = await listPackages(actor, query);
  return (
    <div className="space-y-6">
      <PageHeader title="Packages" description="What you sell: the customer price, what each period costs you, and what you keep." />
      <PackagesTable rows={rows} total={total} query={query} staff={false} basePath="/reseller/packages" />
    </div>
  );
}
