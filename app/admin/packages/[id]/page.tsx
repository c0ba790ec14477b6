import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { archivePackageAction, savePackageAction } from "@/app/_actions/packages";
import { ArchivePackageForm, PackageForm, PackageSummary } from "@/components/packages/package-form";
import { PackageStatusBadge } from "@/components/packages/packages-table";
import { Breadcrumbs } from "@/components/panel-shell/breadcrumbs";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";
import { getPackageOrThrow } from "@/lib/packages/get-package";
import { getTenant } from "@/lib/tenants/get-tenant";
import { notFoundOn404 } from "@/lib/next/not-found";

export const metadata: Metadata = { title: "Package" };

export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "packages:view")) forbidden();
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  const [pkg, tenant] = await Promise.all([
    getPackageOrThrow(actor, id).catch(notFoundOn404),
    getTenant(actor.tenantId),
  ]);
  const archived = pkg.status !== "ACTIVE";
  const editable = can(actor, "packages:manage") && !archived;
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Packages", href: "/admin/packages" }, { label: pkg.name }]} />
      <PageHeader
        title={pkg.name}
        description={`${pkg.customerCount} customer${pkg.customerCount === 1 ? "" : "s"} on this package`}
        actions={<PackageStatusBadge status={pkg.status} />}
      />
      {created === "1" && <Alert tone="success">The package was created.</Alert>}
      {archived && <Alert tone="info">This package is archived: it is no longer sold and cannot be changed.</Alert>}
      <Card className="max-w-3xl">
        <CardContent className="pt-6">
          {editable ? (
            <PackageForm action={savePackageAction} currency={tenant?.currency ?? pkg.currency} pkg={pkg} />
          ) : (
            <div className="space-y-4">
              {!archived && <p className="text-sm text-gray-600">You can view this package but not change it.</p>}
              <PackageSummary pkg={pkg} />
            </div>
          )}
        </CardContent>
      </Card>
      {editable && (
        <Card className="max-w-3xl">
          <CardHeader>
            <CardTitle>Stop selling</CardTitle>
            <CardDescription>Archiving takes the package off sale. It cannot be undone.</CardDescription>
          </CardHeader>
          <CardContent>
            <ArchivePackageForm action={archivePackageAction} packageId={pkg.id} customerCount={pkg.customerCount} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
