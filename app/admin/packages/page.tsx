import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { PackagesTable } from "@/components/packages/packages-table";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can, isStaff } from "@/lib/auth/permissions";
import { parseListQuery } from "@/lib/lists/list-query";
import { requireOperator } from "@/lib/next/actor";
import { listPackages, PACKAGE_LIST_SPEC } from "@/lib/packages/list-packages";

export const metadata: Metadata = { title: "Packages" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "packages:view")) forbidden();
  const query = parseListQuery(await searchParams, PACKAGE_LIST_SPEC);
  const { rows, total } = await listPackages(actor, query);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Packages"
        description="What your ISP sells: speed, validity and price. Each package is a FreeRADIUS group."
        actions={
          can(actor, "packages:manage") && (
            <Link href="/admin/packages/new" className={buttonClasses({ variant: "primary" })}>
              New package
            </Link>
          )
        }
      />
      <PackagesTable rows={rows} total={total} query={query} staff={isStaff(actor.role)} basePath="/admin/packages" />
    </div>
  );
}
