import { formatDateTime } from "@/components/format";
import { formatBytes, formatSeconds } from "@/components/units";
import type { SessionRow } from "@/lib/radius/list-customer-sessions";

export function SessionsTable({ rows, timeZone, caption }: { rows: SessionRow[]; timeZone: string; caption: string }) {
  if (!rows.length) return <p className="text-sm text-gray-600">No sessions.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs uppercase text-gray-500">
          <tr>
            <th className="py-2 pr-3">Started</th>
            <th className="py-2 pr-3">Router</th>
            <th className="py-2 pr-3">Address</th>
            <th className="py-2 pr-3">Device</th>
            <th className="py-2 pr-3 text-right">Time</th>
            <th className="py-2 pr-3 text-right">Down / Up</th>
            <th className="py-2">Ended</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((s) => (
            <tr key={s.id}>
              <td className="py-2 pr-3 whitespace-nowrap">{s.start ? formatDateTime(s.start, timeZone) : "—"}</td>
              <td className="py-2 pr-3">{s.routerName ?? s.nasIp}</td>
              <td className="py-2 pr-3 font-mono text-xs">{s.framedIp ?? "—"}</td>
              <td className="py-2 pr-3 font-mono text-xs">{s.callingStationId ?? "—"}</td>
              <td className="py-2 pr-3 text-right">{formatSeconds(s.seconds)}</td>
              <td className="py-2 pr-3 text-right whitespace-nowrap">
                {/* Accounting counts from the router's side: its output is the customer's download. */}
                {formatBytes(BigInt(s.bytesOut))} / {formatBytes(BigInt(s.bytesIn))}
              </td>
              <td className="py-2">{s.stop ? `${formatDateTime(s.stop, timeZone)}${s.terminateCause ? ` (${s.terminateCause})` : ""}` : <span className="font-medium text-green-700">online</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
