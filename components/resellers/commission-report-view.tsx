// Commissions per reseller for a period, with the totals and the files (admin and reseller panels).
import { ExportLinks } from "@/components/billing/lists/export-links";
import { formatMoney } from "@/components/format";
import { PeriodForm } from "./period-form";
import { PlainTable } from "@/components/ui/plain-table";
import type { commissionReport } from "@/lib/resellers/commissions";

type Report = Awaited<ReturnType<typeof commissionReport>>;

export function CommissionReportView({ report, detailPath }: { report: Report; detailPath: string | null }) {
  const m = (v: bigint) => formatMoney(v, report.currency);
  return (
    <div className="space-y-4">
      <PeriodForm from={report.from} to={report.to} />
      <PlainTable
        label="Commissions"
        columns={[{ label: "Reseller" }, { label: "Payments", align: "right" }, { label: "Paid by customers", align: "right" }, { label: "Earned", align: "right" }, { label: "Reversed", align: "right" }, { label: "Net", align: "right" }, { label: "Owed now", align: "right" }]}
      >
        {report.rows.length === 0 ? (
          <tr>
            <td colSpan={7} className="px-3 py-6 text-center text-gray-500">
              No resellers yet.
            </td>
          </tr>
        ) : (
          report.rows.map((r) => (
            <tr key={r.operatorId}>
              <td className="px-3 py-2">
                {detailPath ? (
                  <a className="text-indigo-700 hover:underline" href={`${detailPath}/${r.operatorId}?account=commissions`}>
                    {r.name}
                  </a>
                ) : (
                  r.name
                )}
                {r.role === "SUB_RESELLER" && <span className="ml-1 text-xs text-gray-500">(sub-reseller)</span>}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{r.payments}</td>
              <td className="px-3 py-2 text-right tabular-nums">{m(r.baseMinor)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{m(r.earnedMinor)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{m(r.reversedMinor)}</td>
              <td className="px-3 py-2 text-right font-medium tabular-nums">{m(r.netMinor)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{m(r.owedMinor)}</td>
            </tr>
          ))
        )}
        <tr className="bg-gray-50 font-medium">
          <td className="px-3 py-2">Total</td>
          <td />
          <td className="px-3 py-2 text-right tabular-nums">{m(report.totals.baseMinor)}</td>
          <td className="px-3 py-2 text-right tabular-nums">{m(report.totals.earnedMinor)}</td>
          <td className="px-3 py-2 text-right tabular-nums">{m(report.totals.reversedMinor)}</td>
          <td className="px-3 py-2 text-right tabular-nums">{m(report.totals.netMinor)}</td>
          <td className="px-3 py-2 text-right tabular-nums">{m(report.totals.owedMinor)}</td>
        </tr>
      </PlainTable>
      <ExportLinks href="/api/resellers/commissions" searchParams={{ from: report.from, to: report.to }} formats={["csv", "xlsx", "pdf"]} />
    </div>
  );
}
