import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { importCustomersAction } from "@/app/_actions/customers";
import { ImportForm } from "@/components/customers/import-form";
import { Breadcrumbs } from "@/components/panel-shell/breadcrumbs";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { IMPORT_COLUMNS } from "@/lib/customers/import-customers";
import { requireOperator } from "@/lib/next/actor";

export const metadata: Metadata = { title: "Import customers" };

export default async function Page() {
  const actor = await requireOperator("admin");
  if (!can(actor, "customers:manage")) forbidden();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Customers", href: "/admin/customers" }, { label: "Import" }]} />
      <PageHeader
        title="Import customers"
        description="Move customers from another system: check the file first, every bad row is listed with its reason; then import the good rows."
      />
      <Card className="max-w-4xl">
        <CardContent className="pt-6">
          <ImportForm action={importCustomersAction} columns={IMPORT_COLUMNS} />
        </CardContent>
      </Card>
    </div>
  );
}
