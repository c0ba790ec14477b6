// Page bodies shared by the admin and reseller panels; lib/customers decides what each actor sees.
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/panel-shell/breadcrumbs";
import { StatusBadge } from "@/components/status-badge";
import { formatDateTime, ROLE_LABELS } from "@/components/format";
import { CustomersTable } from "./customers-table";
import { CustomerForm } from "./customer-form";
import { createCustomerAction, updateCustomerAction } from "@/app/_actions/customers";
import type { OperatorActor } from "@/lib/audit/actor";
import { can, isStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { parseListQuery, type SearchParamsRecord } from "@/lib/lists/list-query";
import { CUSTOMER_LIST_SPEC, listCustomers } from "@/lib/customers/list-customers";
import { getCustomerOrThrow } from "@/lib/customers/get-customer";
import { listOwnerChoices } from "@/lib/operators/list-owner-choices";
import { getTenant } from "@/lib/tenants/get-tenant";
import { listTargetHistory } from "@/lib/audit/list-target-history";
import { panelFor } from "@/lib/next/actor";

function basePath(actor: OperatorActor) {
  return `${panelFor(actor)}/customers`;
}

async function ownerChoices(actor: OperatorActor) {
  const owners = await listOwnerChoices(actor);
  return owners.length ? owners : undefined;
}

export async function CustomersListPage({ actor, searchParams }: { actor: OperatorActor; searchParams: SearchParamsRecord }) {
  const query = parseListQuery(searchParams, CUSTOMER_LIST_SPEC);
  const [{ rows, total }, tenant] = await Promise.all([listCustomers(actor, query), getTenant(actor.tenantId)]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Customers"
        description={isStaff(actor.role) ? "Every subscriber of your ISP." : "Subscribers you and your sub-resellers serve."}
        actions={
          can(actor, "customers:manage") && (
            <Link href={`${basePath(actor)}/new`} className={buttonClasses({ variant: "primary" })}>
              New customer
            </Link>
          )
        }
      />
      <CustomersTable rows={rows} total={total} query={query} timeZone={tenant?.timezone ?? "UTC"} basePath={basePath(actor)} showOwner={actor.role !== "SUB_RESELLER"} />
    </div>
  );
}

export async function NewCustomerPage({ actor }: { actor: OperatorActor }) {
  if (!can(actor, "customers:manage")) forbidden();
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Customers", href: basePath(actor) }, { label: "New customer" }]} />
      <PageHeader title="New customer" />
      <Card className="max-w-2xl">
        <CardContent className="pt-6">
          <CustomerForm action={createCustomerAction} owners={await ownerChoices(actor)} ispOwnerLabel={isStaff(actor.role) ? "The ISP (no reseller)" : "Me"} />
        </CardContent>
      </Card>
    </div>
  );
}

export async function CustomerDetailPage({ actor, id, created }: { actor: OperatorActor; id: string; created: boolean }) {
  const customer = await getCustomerOrThrow(actor, id).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [tenant, history] = await Promise.all([
    getTenant(actor.tenantId),
    can(actor, "audit:view") ? listTargetHistory(actor, "Customer", customer.id) : Promise.resolve(null),
  ]);
  const tz = tenant?.timezone ?? "UTC";
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Customers", href: basePath(actor) }, { label: customer.username }]} />
      <PageHeader title={customer.name} description={`Username ${customer.username}`} actions={<StatusBadge status={customer.status} />} />
      {created && <Alert tone="success">The customer was created.</Alert>}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            {can(actor, "customers:manage") ? (
              <CustomerForm action={updateCustomerAction} customer={customer} owners={await ownerChoices(actor)} ispOwnerLabel={isStaff(actor.role) ? "The ISP (no reseller)" : "Me"} />
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
    </div>
  );
}
