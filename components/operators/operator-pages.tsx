// Page bodies shared by the admin panel (all operators) and the reseller panel (its
// sub-resellers). Authorization and visibility are decided in lib/operators.
import Link from "next/link";
import { forbidden } from "next/navigation";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/panel-shell/breadcrumbs";
import { OperatorsTable } from "./operators-table";
import { OperatorForm } from "./operator-form";
import { createOperatorAction, setSpecialPricesAction, setSubResellerPackagesAction, updateOperatorAction } from "@/app/_actions/operators";
import { SpecialPricesForm } from "@/components/resellers/special-prices-form";
import { SubResellerPackagesForm } from "@/components/resellers/sub-reseller-packages-form";
import { listSpecialPrices } from "@/lib/resellers/special-prices";
import { listSubResellerPackages } from "@/lib/resellers/sub-reseller-packages";
import type { OperatorActor } from "@/lib/audit/actor";
import { can, isStaff, manageableRoles } from "@/lib/auth/permissions";
import { parseListQuery, type SearchParamsRecord } from "@/lib/lists/list-query";
import { getOperatorOrThrow, listResellerChoices } from "@/lib/operators/get-operator";
import { listOperators, OPERATOR_LIST_SPEC } from "@/lib/operators/list-operators";
import { getTenant } from "@/lib/tenants/get-tenant";
import { notFoundOn404 } from "@/lib/next/not-found";
import { formatMoney } from "@/components/format";
import { PayoutForm, WalletMoveForm } from "@/components/resellers/money-forms";
import { StatementView } from "@/components/resellers/statement-view";
import { moveWalletMoneyAction, payOutCommissionAction } from "@/app/_actions/resellers";
import { getOperatorStatement, type StatementQuery } from "@/lib/resellers/operator-statement";
import { getWallet } from "@/lib/resellers/wallets";

type Labels = { basePath: string; title: string; singular: string };

export function operatorLabels(actor: OperatorActor): Labels {
  return actor.role === "RESELLER"
    ? { basePath: "/reseller/sub-resellers", title: "Sub-resellers", singular: "sub-reseller" }
    : { basePath: "/admin/operators", title: "Operators", singular: "operator" };
}

export async function OperatorsListPage({ actor, searchParams }: { actor: OperatorActor; searchParams: SearchParamsRecord }) {
  const labels = operatorLabels(actor);
  const query = parseListQuery(searchParams, OPERATOR_LIST_SPEC);
  const [{ rows, total }, tenant] = await Promise.all([listOperators(actor, query), getTenant(actor.tenantId)]);
  const canCreate = manageableRoles(actor.role).length > 0;
  return (
    <div className="space-y-6">
      <PageHeader
        title={labels.title}
        description={actor.role === "RESELLER" ? "Sub-resellers sell under you and earn a share of your commission." : "Staff and the reseller tree of your ISP."}
        actions={
          canCreate && (
            <Link href={`${labels.basePath}/new`} className={buttonClasses({ variant: "primary" })}>
              New {labels.singular}
            </Link>
          )
        }
      />
      <OperatorsTable
        rows={rows}
        total={total}
        query={query}
        timeZone={tenant?.timezone ?? "UTC"}
        basePath={labels.basePath}
        roles={actor.role === "RESELLER" ? ["SUB_RESELLER"] : [...OPERATOR_LIST_SPEC.filters.role]}
      />
    </div>
  );
}

export async function NewOperatorPage({ actor }: { actor: OperatorActor }) {
  const labels = operatorLabels(actor);
  const roles = manageableRoles(actor.role);
  if (!roles.length) forbidden();
  const parents = actor.role === "RESELLER" ? undefined : (await listResellerChoices(actor)).map((r) => ({ value: r.id, label: r.name }));
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: labels.title, href: labels.basePath }, { label: `New ${labels.singular}` }]} />
      <PageHeader title={`New ${labels.singular}`} />
      <Card className="max-w-2xl">
        <CardContent className="pt-6">
          <OperatorForm action={createOperatorAction} roles={roles} parents={parents} />
        </CardContent>
      </Card>
    </div>
  );
}

export async function OperatorDetailPage({ actor, id, created, statement }: { actor: OperatorActor; id: string; created: boolean; statement?: StatementQuery }) {
  const labels = operatorLabels(actor);
  const operator = await getOperatorOrThrow(actor, id).catch(notFoundOn404);
  const editable = manageableRoles(actor.role).includes(operator.role) && (can(actor, "operators:manage") || can(actor, "subresellers:manage"));
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: labels.title, href: labels.basePath }, { label: operator.name }]} />
      <PageHeader title={operator.name} description={operator.email} />
      {created && <Alert tone="success">The {labels.singular} was created. They can sign in at /login.</Alert>}
      <Card className="max-w-2xl">
        <CardContent className="pt-6">
          {editable ? (
            <OperatorForm action={updateOperatorAction} operator={operator} roles={[operator.role]} />
          ) : (
            <p className="text-sm text-gray-600">You can view this operator but not change it.</p>
          )}
        </CardContent>
      </Card>
      {(operator.role === "RESELLER" || operator.role === "SUB_RESELLER") && <WalletCard actor={actor} operatorId={operator.id} statement={statement ?? {}} />}
      {editable && operator.role === "SUB_RESELLER" && <SubResellerPackagesCard actor={actor} operatorId={operator.id} />}
      {editable && (operator.role === "RESELLER" || operator.role === "SUB_RESELLER") && <SpecialPricesCard actor={actor} operatorId={operator.id} role={operator.role} />}
    </div>
  );
}

/**
 * A reseller's money on its page: wallet balance (and credit limit), commission owed, the forms
 * its viewer may use (staff: top-up, pay-out, commission payout; its reseller: moves between
 * wallets) and the statement. Nothing for a viewer who may not read its wallet.
 */
async function WalletCard({ actor, operatorId, statement }: { actor: OperatorActor; operatorId: string; statement: StatementQuery }) {
  const [wallet, shown, tenant] = await Promise.all([getWallet(actor, operatorId).catch(() => null), getOperatorStatement(actor, operatorId, statement).catch(() => null), getTenant(actor.tenantId)]);
  if (!wallet || !shown) return null;
  const owed = shown.account === "commissions" ? shown.closingMinor : null;
  const staff = isStaff(actor.role);
  return (
    <>
      <Card className="max-w-3xl" data-testid="wallet">
        <CardHeader>
          <CardTitle>Wallet</CardTitle>
        </CardHeader>
        <CardContent className="space-y-5">
          <dl className="grid gap-3 sm:grid-cols-3">
            <div className="rounded-md bg-gray-50 p-3">
              <dt className="text-sm text-gray-500">{wallet.balanceMinor < 0n ? "Owes" : "Balance"}</dt>
              <dd className="text-xl font-semibold tabular-nums" data-testid="wallet-balance">
                {formatMoney(wallet.balanceMinor < 0n ? -wallet.balanceMinor : wallet.balanceMinor, wallet.currency)}
              </dd>
            </div>
            <div className="rounded-md bg-gray-50 p-3">
              <dt className="text-sm text-gray-500">{wallet.operator.billingMode === "POSTPAID" ? "Credit limit" : "Mode"}</dt>
              <dd className="text-xl font-semibold tabular-nums">{wallet.operator.billingMode === "POSTPAID" ? formatMoney(wallet.limitMinor, wallet.currency) : "Prepaid"}</dd>
            </div>
            <div className="rounded-md bg-gray-50 p-3">
              <dt className="text-sm text-gray-500">Can spend</dt>
              <dd className="text-xl font-semibold tabular-nums">{formatMoney(wallet.availableMinor, wallet.currency)}</dd>
            </div>
          </dl>
          {(staff ? can(actor, "billing:collect") : can(actor, "subresellers:manage")) && (
            <WalletMoveForm action={moveWalletMoneyAction} operatorId={operatorId} staff={staff} canPayOut={can(actor, "billing:manage")} currency={wallet.currency} />
          )}
        </CardContent>
      </Card>
      {staff && can(actor, "billing:manage") && (
        <Card className="max-w-3xl" data-testid="commission-payout">
          <CardHeader>
            <CardTitle>Pay commission out</CardTitle>
          </CardHeader>
          <CardContent className="space-y-3">
            {owed !== null && <p className="text-sm text-gray-600">Owed now: {formatMoney(owed, wallet.currency)}</p>}
            <PayoutForm action={payOutCommissionAction} operatorId={operatorId} currency={wallet.currency} />
          </CardContent>
        </Card>
      )}
      <StatementView statement={shown} timeZone={tenant?.timezone ?? "UTC"} operatorId={operatorId} />
    </>
  );
}

/** Special prices for a reseller or sub-reseller, where this actor may set them (docs/resellers.md). */
async function SpecialPricesCard({ actor, operatorId, role }: { actor: OperatorActor; operatorId: string; role: string }) {
  const prices = await listSpecialPrices(actor, operatorId).catch(() => null);
  if (!prices) return null;
  return (
    <Card className="max-w-3xl" data-testid="special-prices">
      <CardHeader>
        <CardTitle>Special prices</CardTitle>
      </CardHeader>
      <CardContent>
        <SpecialPricesForm action={setSpecialPricesAction} operatorId={operatorId} rows={prices.rows} noun={role === "SUB_RESELLER" ? "sub-reseller" : "reseller"} />
      </CardContent>
    </Card>
  );
}

/** The packages a sub-reseller sells, for its reseller or the ISP's staff to tick (docs/resellers.md). */
async function SubResellerPackagesCard({ actor, operatorId }: { actor: OperatorActor; operatorId: string }) {
  const rows = await listSubResellerPackages(actor, operatorId).catch(() => null);
  if (!rows) return null;
  return (
    <Card className="max-w-3xl" data-testid="sub-reseller-packages">
      <CardHeader>
        <CardTitle>Packages it sells</CardTitle>
      </CardHeader>
      <CardContent>
        <SubResellerPackagesForm action={setSubResellerPackagesAction} operatorId={operatorId} rows={rows} />
      </CardContent>
    </Card>
  );
}
