import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { toChoices } from "@/components/format";
import { PaymentsTable } from "@/components/billing/lists/payments-table";
import { DateRangeFilter } from "@/components/billing/lists/date-range-filter";
import { ExportLinks } from "@/components/billing/lists/export-links";
import { CashInHandCard } from "@/components/billing/lists/cash-in-hand-card";
import { PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS, paymentTableRow } from "@/components/billing/lists/billing-rows";
import { can } from "@/lib/auth/permissions";
import { parseBillingListQuery, parseLocalDay } from "@/lib/billing/lists/billing-list-query";
import { listPayments, PAYMENT_ID_FILTERS, PAYMENT_LIST_SPEC } from "@/lib/billing/lists/list-payments";
import { listBillingFilterChoices } from "@/lib/billing/lists/list-filter-choices";
import { cashInHand } from "@/lib/billing/payments/payment-services";
import { requireOperator } from "@/lib/next/actor";
import { getTenant } from "@/lib/tenants/get-tenant";

export const metadata: Metadata = { title: "Payments" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "billing:view")) forbidden();
  const params = await searchParams;
  const query = parseBillingListQuery(params, PAYMENT_LIST_SPEC, PAYMENT_ID_FILTERS);
  const day = parseLocalDay(Array.isArray(params.day) ? params.day[0] : params.day);
  const [{ rows, total, totalIsLowerBound }, choices, tenant, cash] = await Promise.all([
    listPayments(actor, query),
    listBillingFilterChoices(actor),
    getTenant(actor.tenantId),
    cashInHand(actor, day),
  ]);
  const locale = tenant?.locale ?? "en";
  return (
    <div className="space-y-6">
      <PageHeader
        title="Payments"
        description="Every payment received, with its receipt. Dates are your time zone's days."
        actions={<ExportLinks href="/admin/billing/payments/export" searchParams={params} />}
      />
      <CashInHandCard date={cash.date} currency={cash.currency} locale={locale} collectors={cash.collectors} totalMinor={cash.totalMinor} />
      <DateRangeFilter from={query.from} to={query.to} label="Received" />
      <PaymentsTable
        rows={rows.map((r) => paymentTableRow(r, locale))}
        total={total}
        totalIsLowerBound={totalIsLowerBound}
        query={{ ...query, filters: { ...query.filters, ...query.ids } }}
        timeZone={tenant?.timezone ?? "UTC"}
        filters={[
          { id: "method", label: "Method", options: toChoices(PAYMENT_METHOD_LABELS) },
          { id: "status", label: "Status", options: toChoices(PAYMENT_STATUS_LABELS) },
          { id: "collector", label: "Collector", options: choices.collectors },
          { id: "package", label: "Package", options: choices.packages },
          { id: "reseller", label: "Reseller", options: choices.resellers },
        ]}
      />
    </div>
  );
}
