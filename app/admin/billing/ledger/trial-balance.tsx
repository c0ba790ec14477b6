// The trial balance per currency (debits, credits, net) with a clear verdict: green "balanced"
// when every currency nets to 0 and every account matches its entries, a red alert otherwise.
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PlainTable } from "@/components/ui/plain-table";
import type { DiscrepancyRow, TrialBalanceRow } from "@/lib/ledger/get-ledger-overview";

export function TrialBalanceTable({ rows, label }: { rows: TrialBalanceRow[]; label: string }) {
  if (!rows.length) return <p className="text-sm text-gray-600">No money has moved yet: nothing to add up.</p>;
  return (
    <PlainTable label={label} columns={[{ label: "Currency" }, { label: "Debits", align: "right" }, { label: "Credits", align: "right" }, { label: "Net", align: "right" }]}>
      {rows.map((r) => (
        <tr key={r.currency}>
          <td className="px-3 py-2 font-medium">{r.currency}</td>
          <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{r.debits}</td>
          <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{r.credits}</td>
          <td className={`px-3 py-2 text-right whitespace-nowrap tabular-nums ${r.balanced ? "text-green-700" : "font-semibold text-red-700"}`}>
            {r.net}
            {!r.balanced && (
              <Badge tone="red" className="ml-2">
                off
              </Badge>
            )}
          </td>
        </tr>
      ))}
    </PlainTable>
  );
}

export function Verdict({ ok, discrepancies, unbalanced }: { ok: boolean; discrepancies: number; unbalanced: number }) {
  if (ok) {
    return (
      <Alert tone="success" title="Balanced" className="items-center">
        Every currency nets to zero and every account&apos;s balance equals the sum of its entries.
      </Alert>
    );
  }
  return (
    <Alert tone="error" title="The books do not reconcile">
      {discrepancies === 1 ? "1 account disagrees with its entries" : `${discrepancies} accounts disagree with their entries`}
      {unbalanced > 0 && `; ${unbalanced === 1 ? "1 transaction does not balance" : `${unbalanced} transactions do not balance`}`}. Nothing was changed
      automatically and no balance should be edited by hand: contact support, quoting the time of the reconciliation below.
    </Alert>
  );
}

export function DiscrepancyTable({ rows }: { rows: DiscrepancyRow[] }) {
  if (!rows.length) return null;
  return (
    <PlainTable label="Accounts that disagree with their entries" columns={[{ label: "Account" }, { label: "Cached balance", align: "right" }, { label: "Sum of entries", align: "right" }]}>
      {rows.map((d) => (
        <tr key={d.accountId}>
          <td className="px-3 py-2">
            <code className="break-all text-xs">{d.code}</code>
            {d.pendingDiffers && <p className="text-xs text-red-700">pending holds differ too</p>}
          </td>
          <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums text-red-700">{d.cached}</td>
          <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{d.computed}</td>
        </tr>
      ))}
    </PlainTable>
  );
}
