import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { savePackageAction } from "@/app/_actions/packages";
import { PackageForm } from "@/components/packages/package-form";
import { Breadcrumbs } from "@/components/panel-shell/breadcrumbs";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireOperator } from "@/lib/next/actor";
import { getTenant } from "@/lib/tenants/get-tenant";

export const metadata: Metadata = { title: "New package" };

export default async function Page() {
  const actor = await requireOperator("admin");
  if (!can(actor, "packages:manage")) forbidden();
  const tenant = await getTenant(actor.tenantId);
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Packages", href: "/admin/packages" }, { label: "New package" }]} />
      <PageHeader title="New package" />
      <Card className="max-w-3xl">
        <CardContent className="pt-6">
          <PackageForm action={savePackageAction} currency={tenant?.currency ?? ""} />
        </CardContent>
      </Card>
    </div>
  );
}
