// Page bodies shared by the admin and reseller panels; lib/customers decides what each actor sees.
import Link from "next/link";
import { forbidden } from "next/navigation";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/panel-shell/breadcrumbs";
import { StatusBadge } from "@/components/status-badge";
import { formatDateTime, ROLE_LABELS } from "@/components/format";
import { CustomersTable } from "./customers-table";
import { CustomerForm } from "./customer-form";
import type { Choice } from "@/components/forms/choice-select";
import { createCustomerAction, disconnectCustomerAction, revealNetworkPasswordAction, updateCustomerAction } from "@/app/_actions/customers";
import { DisconnectButton } from "./disconnect-button";
import { NetworkPassword } from "./network-password";
import { SessionsTable } from "./sessions-table";
import { JobStatusBadge } from "@/components/jobs/job-status";
import { listPackageChoices } from "@/lib/packages/list-package-choices";
import { listCustomerSessions } from "@/lib/radius/list-customer-sessions";
import { listRunsAbout } from "@/lib/jobs/runs/list-runs-about";
import { disconnectCustomerSessions } from "@/lib/radius/radius.jobs";
import { customerFormValues } from "@/lib/customers/customer-form-values";
import { listCustomerUsage } from "@/lib/radius/list-customer-usage";
import { UsageChart } from "@/components/charts/usage-chart";
import { LiveTrafficChart } from "@/components/live/live-traffic-chart";
import { CustomerSyncCard } from "@/components/routers/provisioning/customer-sync-card";
import { getCustomerSyncState } from "@/lib/routers/provisioning/customer-sync-state";
import { listRouterChoices } from "@/lib/routers/router-choices";
import type { OperatorActor } from "@/lib/audit/actor";
import { can, isStaff } from "@/lib/auth/permissions";
import { parseListQuery, type SearchParamsRecord } from "@/lib/lists/list-query";
import { CUSTOMER_LIST_SPEC, listCustomers } from "@/lib/customers/list-customers";
import { getCustomerOrThrow } from "@/lib/customers/get-customer";
import { listOwnerChoices } from "@/lib/operators/list-owner-choices";
import { getTenant } from "@/lib/tenants/get-tenant";
import { listTargetHistory } from "@/lib/audit/list-target-history";
import { panelFor } from "@/lib/next/actor";
import { notFoundOn404 } from "@/lib/next/not-found";
import { CustomerBillingSection } from "@/components/billing/customer/customer-billing-section";
import { formatMoney } from "@/lib/money/format-money";
import { RechargeForm } from "@/components/resellers/money-forms";
import { rechargeAction } from "@/app/_actions/resellers";
import { redeemVoucherAction } from "@/app/_actions/vouchers";
import { RedeemForm } from "@/components/vouchers/voucher-forms";
import { isResellerActor, rechargeQuote } from "@/lib/resellers/recharge";
import { listGateways } from "@/lib/payments/gateways-admin";
import { PaymentLinkForm, StartPaymentForm } from "@/components/payments/payment-forms";
import { paymentLinkAction, startCustomerPaymentAction } from "@/app/_actions/payments";

function basePath(actor: OperatorActor) {
  return `${panelFor(actor)}/customers`;
}

async function ownerChoices(actor: OperatorActor) {
  const owners = await listOwnerChoices(actor);
  return owners.length ? owners : undefined;
}

/**
 * The choices plus the customer's current one when it is no longer offered (an archived package,
 * a disabled router): a select without it would post its first option and change what the
 * operator did not touch.
 */
function withCurrent(choices: Choice[], current: { id: string; name: string } | null): Choice[] {
  if (!current || choices.some((c) => c.value === current.id)) return choices;
  return [{ value: current.id, label: `${current.name} (current)` }, ...choices];
}

export async function CustomersListPage({ actor, searchParams }: { actor: OperatorActor; searchParams: SearchParamsRecord }) {
  const query = parseListQuery(searchParams, CUSTOMER_LIST_SPEC);
  const [{ rows, total, totalIsLowerBound }, tenant] = await Promise.all([listCustomers(actor, query), getTenant(actor.tenantId)]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Customers"
        description={isStaff(actor.role) ? "Every subscriber of your ISP." : "Subscribers you and your sub-resellers serve."}
        actions={
          <div className="flex flex-wrap gap-2">
            {/* A file download, not a page: a plain link. */}
            <a href="/api/customers/export" download className={buttonClasses({ variant: "secondary" })}>
              Export CSV
            </a>
            {can(actor, "customers:import") && (
              <Link href={`${basePath(actor)}/import`} className={buttonClasses({ variant: "secondary" })}>
                Import CSV
              </Link>
            )}
            {can(actor, "customers:manage") && (
              <Link href={`${basePath(actor)}/new`} className={buttonClasses({ variant: "primary" })}>
                New customer
              </Link>
            )}
          </div>
        }
      />
      <CustomersTable rows={rows} total={total} totalIsLowerBound={totalIsLowerBound} query={query} timeZone={tenant?.timezone ?? "UTC"} basePath={basePath(actor)} showOwner={actor.role !== "SUB_RESELLER"} recharge={isResellerActor(actor)} />
    </div>
  );
}

export async function NewCustomerPage({ actor }: { actor: OperatorActor }) {
  if (!can(actor, "customers:manage")) forbidden();
  const [packages, routers, tenant] = await Promise.all([listPackageChoices(actor), listRouterChoices(actor), getTenant(actor.tenantId)]);
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Customers", href: basePath(actor) }, { label: "New customer" }]} />
      <PageHeader title="New customer" />
      <Card className="max-w-2xl">
        <CardContent className="pt-6">
          <CustomerForm
            action={createCustomerAction}
            owners={await ownerChoices(actor)}
            ispOwnerLabel={isStaff(actor.role) ? "The ISP (no reseller)" : "Me"}
            packages={packages}
            routers={routers}
            timeZone={tenant?.timezone ?? "UTC"}
          />
        </CardContent>
      </Card>
    </div>
  );
}

/** A reseller's recharge of its customer from its wallet (docs/resellers.md, "Recharges"). */
async function RechargeCard({ actor, customerId }: { actor: OperatorActor; customerId: string }) {
  const quote = await rechargeQuote(actor, customerId);
  if (!quote) return null;
  const m = (v: bigint) => formatMoney(v, quote.currency);
  return (
    <Card className="max-w-2xl scroll-mt-20" data-testid="recharge" id="recharge">
      <CardHeader>
        <CardTitle>Recharge</CardTitle>
      </CardHeader>
      <CardContent>
        <RechargeForm
          action={rechargeAction}
          customerId={customerId}
          costText={`${quote.packageName}: costs you ${m(quote.costMinor)} per period (the customer's price is ${m(quote.priceMinor)}). Your wallet can spend ${m(quote.availableMinor)}.`}
        />
      </CardContent>
    </Card>
  );
}

/** Staff who collect ask the customer to pay: an M-Pesa prompt on its phone, or a payment link to send. */
async function RequestPaymentCard({ actor, customerId, phone }: { actor: OperatorActor; customerId: string; phone: string | null }) {
  const enabled = (await listGateways(actor)).filter((g) => g.enabled);
  if (!enabled.length) return null;
  const prompts = enabled.filter((g) => g.kind === "MPESA");
  return (
    <Card className="max-w-2xl" data-testid="request-payment">
      <CardHeader>
        <CardTitle>Request a payment</CardTitle>
      </CardHeader>
      <CardContent className="space-y-6">
        {prompts.length > 0 && <StartPaymentForm action={startCustomerPaymentAction} customerId={customerId} gateways={prompts.map((g) => ({ id: g.id, name: g.name }))} phone={phone} />}
        <div data-testid="payment-link">
          <PaymentLinkForm action={paymentLinkAction} customerId={customerId} />
        </div>
      </CardContent>
    </Card>
  );
}

export async function CustomerDetailPage({ actor, id, created }: { actor: OperatorActor; id: string; created: boolean }) {
  const customer = await getCustomerOrThrow(actor, id).catch(notFoundOn404);
  const [tenant, history, packages, sessions, runs, usage, routers, sync] = await Promise.all([
    getTenant(actor.tenantId),
    can(actor, "audit:view") ? listTargetHistory(actor, "Customer", customer.id) : Promise.resolve(null),
    listPackageChoices(actor),
    listCustomerSessions(actor, customer.id),
    listRunsAbout(actor, disconnectCustomerSessions.id, "customerId", customer.id),
    listCustomerUsage(actor, customer.id),
    listRouterChoices(actor),
    getCustomerSyncState(actor, customer.id),
  ]);
  const tz = tenant?.timezone ?? "UTC";
  const editing = { id: customer.id, username: customer.username, values: customerFormValues(customer, tz) };
  const owners = await ownerChoices(actor);
  const manage = can(actor, "customers:manage");
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Customers", href: basePath(actor) }, { label: customer.username }]} />
      <PageHeader title={customer.name} description={`Username ${customer.username}`} actions={<StatusBadge status={customer.status} />} />
      {created && <Alert tone="success">The customer was created.</Alert>}
      <CustomerBillingSection actor={actor} customer={customer} timeZone={tz} />
      {manage && <RechargeCard actor={actor} customerId={customer.id} />}
      {can(actor, "billing:collect") && <RequestPaymentCard actor={actor} customerId={customer.id} phone={customer.mobile} />}
      {(can(actor, "billing:collect") || (manage && !isStaff(actor.role))) && (
        <Card className="max-w-2xl" data-testid="redeem">
          <CardHeader>
            <CardTitle>Redeem a card</CardTitle>
          </CardHeader>
          <CardContent>
            <RedeemForm action={redeemVoucherAction} customerId={customer.id} />
          </CardContent>
        </Card>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            {can(actor, "customers:manage") ? (
              <CustomerForm
                action={updateCustomerAction}
                customer={editing}
                owners={owners && withCurrent(owners, customer.owner)}
                ispOwnerLabel={isStaff(actor.role) ? "The ISP (no reseller)" : "Me"}
                packages={withCurrent(packages, customer.package)}
                routers={routers.length ? withCurrent(routers, customer.router) : routers}
                timeZone={tz}
              />
            ) : (
              <p className="text-sm text-gray-600">You can view this customer but not change it.</p>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Account</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="text-gray-500">Owner</dt>
                <dd>{customer.owner ? `${customer.owner.name} (${ROLE_LABELS[customer.owner.role]})` : "The ISP"}</dd>
              </div>
              <div>
                <dt className="text-gray-500">Created</dt>
                <dd>{formatDateTime(customer.createdAt, tz)}</dd>
              </div>
              <div>
                <dt className="text-gray-500">Last changed</dt>
                <dd>{formatDateTime(customer.updatedAt, tz)}</dd>
              </div>
            </dl>
            <section aria-label="Provisioning" className="mt-6 border-t border-gray-100 pt-4">
              <h3 className="mb-2 text-sm font-semibold text-gray-900">Provisioning</h3>
              <CustomerSyncCard sync={sync} timeZone={tz} routerHref={sync && can(actor, "routers:view") ? `/admin/routers/${sync.routerId}/sync` : undefined} />
            </section>
            {history && (
              <section aria-label="Recent changes" className="mt-6 border-t border-gray-100 pt-4">
                <h3 className="mb-2 text-sm font-semibold text-gray-900">Recent changes</h3>
                <ol className="space-y-2 text-sm">
                  {history.map((h) => (
                    <li key={h.id}>
                      <code className="text-xs">{h.action}</code>
                      <p className="text-xs text-gray-500">
                        {h.actorName} · {formatDateTime(h.createdAt, tz)}
                      </p>
                    </li>
                  ))}
                </ol>
                <Link href={`/admin/audit?q=${customer.id}`} className="mt-2 inline-block text-xs font-medium text-indigo-700 hover:underline">
                  Full history
                </Link>
              </section>
            )}
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Connection</CardTitle>
        </CardHeader>
        <CardContent className="space-y-5">
          <div className="flex flex-wrap items-start justify-between gap-4">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-gray-500">Expires</dt>
              <dd data-testid="customer-expiry">{customer.expiresAt ? formatDateTime(customer.expiresAt, tz) : "never"}</dd>
              {manage && customer.connectionType !== "STATIC" && (
                <>
                  <dt className="self-center text-gray-500">Network password</dt>
                  <dd>
                    <NetworkPassword action={revealNetworkPasswordAction} customerId={customer.id} />
                  </dd>
                </>
              )}
            </dl>
            {manage && <DisconnectButton action={disconnectCustomerAction} customerId={customer.id} />}
          </div>
          <section aria-label="Usage">
            <h3 className="mb-2 text-sm font-semibold text-gray-900">Usage</h3>
            <UsageChart points={usage} />
          </section>
          <section aria-label="Online sessions">
            <h3 className="mb-2 text-sm font-semibold text-gray-900">Online now</h3>
            <SessionsTable rows={sessions.open} timeZone={tz} caption="Online sessions" />
          </section>
          {sessions.open.length > 0 && (
            <section aria-label="Live traffic">
              <h3 className="mb-2 text-sm font-semibold text-gray-900">Live traffic</h3>
              <LiveTrafficChart customerId={customer.id} />
            </section>
          )}
          <section aria-label="Session history">
            <h3 className="mb-2 text-sm font-semibold text-gray-900">Recent sessions</h3>
            <SessionsTable rows={sessions.history} timeZone={tz} caption="Recent sessions" />
          </section>
          {runs.length > 0 && (
            <section aria-label="Live session updates">
              <h3 className="mb-2 text-sm font-semibold text-gray-900">Live session updates</h3>
              <ul className="space-y-1 text-sm">
                {runs.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center gap-2">
                    <JobStatusBadge status={r.status} />
                    <span>{formatDateTime(r.queuedAt, tz)}</span>
                    <span className="text-gray-500">
                      ({r.reason}
                      {(r.payload as { mode?: string }).mode === "coa" ? ", speed change (CoA)" : ", disconnect"}, attempt {r.attempts}/{r.maxAttempts})
                    </span>
                    {r.lastError && <span className="text-red-700" data-testid="disconnect-error">{r.lastError}</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
