// A reseller's statement on a page (reseller panel and admin): the period and account chosen by a
// plain GET form, the opening balance, every movement with the balance after it, the totals, and
// the same statement as CSV, XLSX or PDF.
import { ExportLinks } from "@/components/billing/lists/export-links";
import { formatDateTime, formatMoney } from "@/components/format";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PeriodForm } from "./period-form";
import { PlainTable } from "@/components/ui/plain-table";
import type { OperatorStatement } from "@/lib/resellers/operator-statement";

export function StatementView({ statement, timeZone, operatorId }: { statement: OperatorStatement; timeZone: string; operatorId: string | null }) {
  const money = (m: bigint | null) => (m === null ? "" : formatMoney(m, statement.currency));
  const params = { account: statement.account, from: statement.from, to: statement.to, ...(operatorId ? { operatorId } : {}) };
  return (
    <Card data-testid="statement">
      <CardHeader>
        <CardTitle>{statement.account === "wallet" ? "Wallet statement" : "Commission statement"}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <PeriodForm from={statement.from} to={statement.to}>
          <label className="text-sm">
            <span className="mb-1 block text-gray-600">Account</span>
            <select name="account" defaultValue={statement.account} className="rounded-md border border-gray-300 px-2 py-1.5 text-sm">
              <option value="wallet">Wallet</option>
              <option value="commissions">Commissions</option>
            </select>
          </label>
        </PeriodForm>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          {[
            ["Opening", statement.openingMinor],
            ["In", statement.inMinor],
            ["Out", statement.outMinor],
            ["Closing", statement.closingMinor],
          ].map(([label, value]) => (
            <div key={label as string} className="rounded-md bg-gray-50 p-3">
              <dt className="text-gray-500">{label as string}</dt>
              <dd className="font-semibold tabular-nums">{money(value as bigint)}</dd>
            </div>
          ))}
        </dl>
        <PlainTable label="Statement" columns={[{ label: "Date" }, { label: "Description" }, { label: "Reference" }, { label: "In", align: "right" }, { label: "Out", align: "right" }, { label: "Balance", align: "right" }]}>
          {statement.rows.length === 0 ? (
            <tr>
              <td colSpan={6} className="px-3 py-6 text-center text-gray-500">
                Nothing moved between {statement.from} and {statement.to}.
              </td>
            </tr>
          ) : (
            statement.rows.map((r) => (
              <tr key={r.transactionId}>
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(r.at, timeZone)}</td>
                <td className="px-3 py-2">{r.description}</td>
                <td className="max-w-56 truncate px-3 py-2 text-gray-600">{r.reference}</td>
                <td className="px-3 py-2 text-right tabular-nums text-green-700">{money(r.inMinor)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{money(r.outMinor)}</td>
                <td className="px-3 py-2 text-right font-medium tabular-nums">{money(r.balanceMinor)}</td>
              </tr>
            ))
          )}
        </PlainTable>
        <ExportLinks href="/api/resellers/statement" searchParams={params} formats={["csv", "xlsx", "pdf"]} />
      </CardContent>
    </Card>
  );
}
