import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { toChoices } from "@/components/format";
import { InvoicesTable } from "@/components/billing/lists/invoices-table";
import { DateRangeFilter } from "@/components/billing/lists/date-range-filter";
import { ExportLinks } from "@/components/billing/lists/export-links";
import { INVOICE_KIND_LABELS, INVOICE_STATUS_LABELS, invoiceTableRow } from "@/components/billing/lists/billing-rows";
import { can } from "@/lib/auth/permissions";
import { parseBillingListQuery } from "@/lib/billing/lists/billing-list-query";
import { INVOICE_ID_FILTERS, INVOICE_LIST_SPEC, listInvoices } from "@/lib/billing/lists/list-invoices";
import { listBillingFilterChoices } from "@/lib/billing/lists/list-filter-choices";
import { requireOperator } from "@/lib/next/actor";
import { getTenant } from "@/lib/tenants/get-tenant";

export const metadata: Metadata = { title: "Invoices" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "billing:view")) forbidden();
  const params = await searchParams;
  const query = parseBillingListQuery(params, INVOICE_LIST_SPEC, INVOICE_ID_FILTERS);
  const [{ rows, total, totalIsLowerBound }, choices, tenant] = await Promise.all([listInvoices(actor, query), listBillingFilterChoices(actor), getTenant(actor.tenantId)]);
  const locale = tenant?.locale ?? "en";
  return (
    <div className="space-y-6">
      <PageHeader
        title="Invoices"
        description="Invoices and credit notes, newest first. Dates are your time zone's days."
        actions={<ExportLinks href="/admin/billing/invoices/export" searchParams={params} />}
      />
      <DateRangeFilter from={query.from} to={query.to} label="Issued" />
      <InvoicesTable
        rows={rows.map((r) => invoiceTableRow(r, locale))}
        total={total}
        totalIsLowerBound={totalIsLowerBound}
        query={{ ...query, filters: { ...query.filters, ...query.ids } }}
        timeZone={tenant?.timezone ?? "UTC"}
        filters={[
          { id: "status", label: "Status", options: toChoices(INVOICE_STATUS_LABELS) },
          { id: "kind", label: "Kind", options: toChoices(INVOICE_KIND_LABELS) },
          { id: "package", label: "Package", options: choices.packages },
          { id: "reseller", label: "Reseller", options: choices.resellers },
        ]}
      />
    </div>
  );
}
