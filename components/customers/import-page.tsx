import { forbidden, notFound } from "next/navigation";
import { customerImportStatusAction, startCustomerImportAction, uploadCustomerImportAction } from "@/app/_actions/customers";
import { ImportForm } from "@/components/customers/import-form";
import { Breadcrumbs } from "@/components/panel-shell/breadcrumbs";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { getCustomerImport, IMPORT_COLUMNS, MAX_IMPORT_BYTES, type ImportSummary } from "@/lib/customers/import-customers";
import { toAppError } from "@/lib/errors";
import { requireOperator } from "@/lib/next/actor";

/** The import page of either panel: upload and check, then (?id=) the report and the import. */
export async function ImportCustomersPage({ panel, searchParams }: { panel: "admin" | "reseller"; searchParams: Promise<{ id?: string | string[] }> }) {
  const actor = await requireOperator(panel);
  if (!can(actor, "customers:import")) forbidden();
  const { id } = await searchParams;
  let initial: ImportSummary | null = null;
  if (typeof id === "string") {
    try {
      initial = await getCustomerImport(actor, id);
    } catch (error) {
      if (toAppError(error).code === "NOT_FOUND") notFound();
      throw error;
    }
  }
  const base = `/${panel}/customers`;
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Customers", href: base }, { label: "Import" }]} />
      <PageHeader
        title="Import customers"
        description="Move customers from another system: check the file first, every bad row is listed with its reason; then import the good rows. The file is kept between the two steps."
      />
      <Card className="max-w-4xl">
        <CardContent className="pt-6">
          <ImportForm
            key={initial?.id ?? "upload"}
            uploadAction={uploadCustomerImportAction}
            startAction={startCustomerImportAction}
            statusAction={customerImportStatusAction}
            columns={IMPORT_COLUMNS}
            maxBytes={MAX_IMPORT_BYTES}
            initial={initial}
            restartHref={`${base}/import`}
          />
        </CardContent>
      </Card>
    </div>
  );
}
