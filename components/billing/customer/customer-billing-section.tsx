// The customer page's service and money section, for both panels: the status buttons for
// operators who manage customers, and, for those with billing:view, the balance, terms, lock,
// expiry, the money buttons and the invoices / payments / statement tabs.
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { StatCard } from "@/components/ui/stat-card";
import { formatDateTime } from "@/components/format";
import type { OperatorActor } from "@/lib/audit/actor";
import { can } from "@/lib/auth/permissions";
import { getCustomerBilling, type CustomerBillingView } from "@/lib/billing/statements/customer-billing";
import { getCustomerStatement } from "@/lib/billing/statements/customer-statement";
import { formatMoney, minorToDecimalString } from "@/lib/money/format-money";
import { BILLING_MODE_LABELS, MODE_FROM_LABELS } from "./billing-labels";
import { BillingNotices } from "./billing-notice";
import { BillingTabs } from "./billing-tabs";
import { InvoicesTable, PaymentsTable, StatementTable } from "./billing-tables";
import { listPackageChoices } from "@/lib/packages/list-package-choices";
import { PackageChangeDialog } from "../package-change-dialog";
import { CustomerActions } from "./customer-actions";

export type SectionCustomer = { id: string; name: string; status: string; expiresAt: Date | null; lockedAt: Date | null; lockReason: string | null };

export async function CustomerBillingSection({ actor, customer, timeZone }: { actor: OperatorActor; customer: SectionCustomer; timeZone: string }) {
  const viewBilling = can(actor, "billing:view");
  const flags = { manageStatus: can(actor, "customers:manage"), collect: viewBilling && can(actor, "billing:collect"), manage: viewBilling && can(actor, "billing:manage") };
  if (!viewBilling) {
    if (!flags.manageStatus) return null;
    return (
      <BillingNotices>
        <Card data-testid="customer-service">
          <CardHeader className="flex-row flex-wrap items-center justify-between gap-3">
            <CardTitle>Service</CardTitle>
            <CustomerActions customerId={customer.id} customerName={customer.name} status={customer.status} can={flags} renew={null} owedInput="" currency="" />
          </CardHeader>
          {customer.lockedAt && (
            <CardContent>
              <LockAlert lockedAt={customer.lockedAt} reason={customer.lockReason} timeZone={timeZone} />
            </CardContent>
          )}
        </Card>
      </BillingNotices>
    );
  }

  const [view, statement] = await Promise.all([getCustomerBilling(actor, customer.id), getCustomerStatement(actor, customer.id)]);
  const fmt = { currency: view.currency, locale: view.locale, timeZone: view.timeZone };
  // Changing package charges or credits the difference: for operators who take money and manage customers.
  const packageChoices =
    view.hasPackage && flags.collect && flags.manageStatus
      ? (await listPackageChoices(actor)).filter((p) => p.value !== view.packageId).map((p) => ({ id: p.value, name: p.label, price: formatMoney(BigInt(p.priceMinor), p.currency, view.locale) }))
      : null;
  const money = (m: bigint) => formatMoney(m, view.currency, view.locale);
  const renewable = view.hasPackage && view.terms.mode !== "MONTHLY_ADVANCE" && view.status !== "DISABLED";
  const fromText = view.expiresAt && view.expiresAt > new Date() ? `the current expiry (${formatDateTime(view.expiresAt, view.timeZone)})` : "now";
  return (
    <BillingNotices>
      <Card data-testid="customer-billing">
        <CardHeader className="flex-row flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap items-center gap-2">
            <CardTitle>Billing</CardTitle>
            {view.lockedAt && <Badge tone="red">Locked</Badge>}
            {view.terms.complimentary && <Badge tone="blue">Complimentary</Badge>}
          </div>
          <CustomerActions
            customerId={customer.id}
            customerName={customer.name}
            status={view.status}
            can={flags}
            renew={renewable ? { packageName: view.packageName ?? "", priceText: money(view.terms.priceMinor), expiryText: fromText } : null}
            owedInput={view.balanceMinor > 0n ? minorToDecimalString(view.balanceMinor, view.currency) : ""}
            currency={view.currency}
          />
          {packageChoices && packageChoices.length > 0 && <PackageChangeDialog customerId={customer.id} packages={packageChoices} currentPackageId={view.packageId} />}
        </CardHeader>
        <CardContent className="space-y-5">
          {view.lockedAt && <LockAlert lockedAt={view.lockedAt} reason={view.lockReason} timeZone={view.timeZone} />}
          <Summary view={view} fmt={fmt} />
          <Terms view={view} money={money} />
          <BillingTabs
            tabs={[
              { id: "invoices", label: "Invoices", count: view.invoices.length, content: <InvoicesTable rows={view.invoices} fmt={fmt} manage={flags.manage} /> },
              { id: "payments", label: "Payments", count: view.payments.length, content: <PaymentsTable rows={view.payments} fmt={fmt} manage={flags.manage} /> },
              { id: "statement", label: "Statement", content: <StatementTable statement={statement} fmt={fmt} /> },
            ]}
          />
        </CardContent>
      </Card>
    </BillingNotices>
  );
}

function LockAlert({ lockedAt, reason, timeZone }: { lockedAt: Date; reason: string | null; timeZone: string }) {
  return (
    <Alert tone="error" title="Locked for non-payment">
      Since {formatDateTime(lockedAt, timeZone)}
      {reason ? `: ${reason}` : ""}. A payment that clears what is overdue unlocks the customer at once.
    </Alert>
  );
}

function Summary({ view, fmt }: { view: CustomerBillingView; fmt: { currency: string; locale: string; timeZone: string } }) {
  const b = view.balanceMinor;
  const state = b > 0n ? "owes" : b < 0n ? "in credit" : "nothing owed";
  const expiry =
    view.terms.mode === "MONTHLY_ADVANCE"
      ? { label: "Period ends", value: view.terms.periodEnd ? formatDateTime(view.terms.periodEnd, view.timeZone) : "—" }
      : { label: "Expires", value: view.expiresAt ? formatDateTime(view.expiresAt, view.timeZone) : "never" };
  const expired = view.expiresAt !== null && view.expiresAt <= new Date();
  return (
    // One column on phones: a currency amount in a half-width card would be cut off.
    <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
      <StatCard
        label="Balance"
        value={<span className={b < 0n ? "text-green-700" : b > 0n ? "text-red-700" : undefined}>{formatMoney(b < 0n ? -b : b, fmt.currency, fmt.locale)}</span>}
        hint={<span data-testid="billing-balance-state">{state}</span>}
        className="p-4"
      />
      <StatCard label="Open invoices" value={formatMoney(view.receivableMinor, fmt.currency, fmt.locale)} hint="receivable" className="p-4" />
      <StatCard label="Credit" value={formatMoney(view.creditMinor, fmt.currency, fmt.locale)} hint="held for the customer" className="p-4" />
      <StatCard
        label={expiry.label}
        value={
          <span data-testid="billing-expiry" className="text-lg">
            {expiry.value}
          </span>
        }
        hint={expired && view.terms.mode !== "MONTHLY_ADVANCE" ? "expired" : undefined}
        className="p-4"
      />
    </div>
  );
}

function Terms({ view, money }: { view: CustomerBillingView; money: (m: bigint) => string }) {
  const t = view.terms;
  const items: [string, string][] = [
    ["Billing", `${BILLING_MODE_LABELS[t.mode] ?? t.mode} (${MODE_FROM_LABELS[t.modeFrom]})`],
    ["Package", view.packageName ?? "none"],
    ["Price per period", t.complimentary ? "free (complimentary)" : `${money(t.priceMinor)}${t.specialPrice ? " (special price)" : ""}`],
  ];
  if (t.mode === "MONTHLY_ADVANCE") items.push(["Billing day", t.billingDay ? `day ${t.billingDay}` : "anniversary"]);
  items.push(["Payment terms", `due in ${t.dueDays} days, then ${t.graceDays} grace days`]);
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3" data-testid="billing-terms">
      {items.map(([k, v]) => (
        <div key={k} className="min-w-0">
          <dt className="text-gray-500">{k}</dt>
          <dd className="text-gray-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
