import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { runLedgerReconciliationAction } from "@/app/_actions/ledger";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { getLedgerOverview, LEDGER_ACCOUNT_LIST_SPEC } from "@/lib/ledger/get-ledger-overview";
import { parseListQuery } from "@/lib/lists/list-query";
import { requireOperator } from "@/lib/next/actor";
import { getTenant } from "@/lib/tenants/get-tenant";
import { LedgerAccountsTable } from "./ledger-accounts-table";
import { RunNowForm } from "./run-now-form";
import { DiscrepancyTable, TrialBalanceTable, Verdict } from "./trial-balance";

export const metadata: Metadata = { title: "Ledger" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireOperator("admin");
  if (!can(actor, "billing:view")) forbidden();
  const query = parseListQuery(await searchParams, LEDGER_ACCOUNT_LIST_SPEC);
  const [overview, tenant] = await Promise.all([getLedgerOverview(actor, query), getTenant(actor.tenantId)]);
  const tz = tenant?.timezone ?? "UTC";
  const { live, latest } = overview;
  const nf = new Intl.NumberFormat("en-US");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Ledger"
        description="Your books in double entry: every movement of money debits one account and credits another, so everything adds up to zero."
        actions={can(actor, "jobs:manage") ? <RunNowForm action={runLedgerReconciliationAction} /> : undefined}
      />

      <Card>
        <CardHeader>
          <CardTitle>Trial balance, now</CardTitle>
          <CardDescription>
            {nf.format(live.transactions)} transactions across {nf.format(live.accounts)} accounts, added up as this page loaded.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <Verdict ok={live.ok} discrepancies={live.discrepancies.length} unbalanced={live.unbalancedTransactions.length} />
          <TrialBalanceTable rows={live.trialBalance} label="Trial balance" />
          <DiscrepancyTable rows={live.discrepancies} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Latest reconciliation</CardTitle>
          <CardDescription>
            The nightly check (02:30 UTC) and every &ldquo;Run now&rdquo; are recorded for 90 days; a discrepancy is also written to the{" "}
            <Link href="/admin/audit?q=ledger.discrepancy" className="text-indigo-700 underline">
              audit log
            </Link>
            .
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4 text-sm">
          {latest ? (
            <>
              <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
                <div>
                  <dt className="text-gray-500">Ran at</dt>
                  <dd className="font-medium" data-testid="reconciliation-ran-at">{formatDateTime(latest.ranAt, tz)}</dd>
                </div>
                <div>
                  <dt className="text-gray-500">Result</dt>
                  <dd>{latest.ok ? <Badge tone="green">OK</Badge> : <Badge tone="red">Discrepancy</Badge>}</dd>
                </div>
                <div>
                  <dt className="text-gray-500">Checked</dt>
                  <dd className="font-medium">
                    {nf.format(latest.accounts)} accounts, {nf.format(latest.transactions)} transactions
                  </dd>
                </div>
                <div>
                  <dt className="text-gray-500">Took</dt>
                  <dd className="font-medium">{nf.format(latest.durationMs)} ms</dd>
                </div>
              </dl>
              <DiscrepancyTable rows={latest.discrepancies} />
              {latest.unbalancedTransactions.length > 0 && (
                <p className="text-red-700">
                  Unbalanced transactions: <code className="break-all text-xs">{latest.unbalancedTransactions.join(", ")}</code>
                </p>
              )}
            </>
          ) : (
            <p className="text-gray-600">No reconciliation has been recorded yet. The first runs tonight, or now with &ldquo;Run now&rdquo;.</p>
          )}
        </CardContent>
      </Card>

      <section className="space-y-3" aria-labelledby="chart-of-accounts">
        <div>
          <h2 id="chart-of-accounts" className="text-base font-semibold text-gray-900">
            Chart of accounts
          </h2>
          <p className="text-sm text-gray-500">Balances on each account&apos;s normal side: money held and earned read positive, money owed by you too.</p>
        </div>
        <LedgerAccountsTable rows={overview.accounts.rows} total={overview.accounts.total} query={query} />
      </section>
    </div>
  );
}
