// The day's cash per collector: what each operator who took cash should hand over.
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMoney } from "@/lib/money/format-money";
import type { CashInHandRow } from "@/lib/billing/payments/payment-services";

type Props = { date: string; currency: string; locale: string; collectors: CashInHandRow[]; totalMinor: bigint };

export function CashInHandCard({ date, currency, locale, collectors, totalMinor }: Props) {
  const nf = new Intl.NumberFormat("en-US");
  return (
    <Card data-testid="cash-in-hand">
      <CardHeader className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <CardTitle>Cash in hand</CardTitle>
          <CardDescription>Cash payments taken on {date} (your time zone), per collector; reversed ones left out.</CardDescription>
        </div>
        {/* A plain GET form: the day is part of the page's URL like the list's filters. */}
        <form method="get" className="flex items-center gap-2">
          <label htmlFor="cash-day" className="text-sm font-medium text-gray-700">
            Day
          </label>
          <input id="cash-day" name="day" type="date" defaultValue={date} className="rounded-md border border-gray-300 px-2 py-1.5 text-sm" />
          <button type="submit" className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-gray-50">
            Show
          </button>
        </form>
      </CardHeader>
      <CardContent>
        {collectors.length === 0 ? (
          <p className="text-sm text-gray-600">No cash was taken on this day.</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-gray-500 uppercase">
                <th className="py-1 font-semibold">Collector</th>
                <th className="py-1 text-right font-semibold">Payments</th>
                <th className="py-1 text-right font-semibold">Cash</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {collectors.map((c) => (
                <tr key={c.collectorId ?? "none"}>
                  <td className="py-2">{c.collectorName}</td>
                  <td className="py-2 text-right tabular-nums">{nf.format(c.payments)}</td>
                  <td className="py-2 text-right font-medium tabular-nums">{formatMoney(c.amountMinor, currency, locale)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t border-gray-300 font-semibold">
                <td className="py-2">Total</td>
                <td />
                <td className="py-2 text-right tabular-nums">{formatMoney(totalMinor, currency, locale)}</td>
              </tr>
            </tfoot>
          </table>
        )}
      </CardContent>
    </Card>
  );
}
