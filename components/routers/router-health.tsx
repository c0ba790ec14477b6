"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDateTime } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { formatBytes, formatSeconds } from "@/components/units";
import type { ApiLogRow, HealthPoint, RouterHealthView } from "@/lib/routers/get-router-api";
import { PlainTable } from "@/components/ui/plain-table";

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-gray-500">{label}</dt>
      <dd className="mt-0.5 font-medium text-gray-900">{value}</dd>
    </div>
  );
}

/** Identity, version, board, uptime, CPU and memory from the last check, with its time. */
export function RouterHealthFacts({ health, timeZone }: { health: RouterHealthView; timeZone: string }) {
  const memory =
    health.totalMemory && health.freeMemory !== null
      ? `${formatBytes(health.totalMemory - health.freeMemory)} of ${formatBytes(health.totalMemory)}`
      : "—";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm text-gray-600">
        <StatusBadge status={health.health} />
        {health.healthCheckedAt ? <span>checked {formatDateTime(health.healthCheckedAt, timeZone)}</span> : <span>not checked yet</span>}
        {health.health === "OFFLINE" && health.lastSeenAt && <span>· last seen {formatDateTime(health.lastSeenAt, timeZone)}</span>}
      </div>
      {health.healthError && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{health.healthError}</p>}
      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-3">
        <Fact label="Identity" value={health.identity ?? "—"} />
        <Fact label="RouterOS" value={health.rosVersion ?? "—"} />
        <Fact label="Board" value={health.board ?? "—"} />
        <Fact label="Uptime" value={health.uptimeSeconds === null ? "—" : formatSeconds(health.uptimeSeconds)} />
        <Fact label="CPU" value={health.cpuLoad === null ? "—" : `${health.cpuLoad}%`} />
        <Fact label="Memory used" value={memory} />
      </dl>
    </div>
  );
}

/** CPU, memory and API latency over the last day of checks; failed checks as gaps. */
export function RouterHealthChart({ points, timeZone }: { points: HealthPoint[]; timeZone: string }) {
  if (points.length === 0) return <p className="text-sm text-gray-500">No checks in the last 24 hours.</p>;
  const failed = points.filter((p) => !p.ok).length;
  const time = (iso: string) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(iso));
  return (
    <div>
      <p className="mb-2 text-sm text-gray-600">
        {points.length} checks, <strong>{failed}</strong> failed.
      </p>
      <div className="h-48 w-full" role="img" aria-label="Router CPU, memory and API latency over the last 24 hours">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="at" tick={{ fontSize: 11 }} tickFormatter={time} minTickGap={24} />
            <YAxis yAxisId="pct" domain={[0, 100]} tick={{ fontSize: 11 }} width={36} unit="%" />
            <YAxis yAxisId="ms" orientation="right" tick={{ fontSize: 11 }} width={44} unit=" ms" />
            <Tooltip labelFormatter={(l) => formatDateTime(String(l), timeZone)} />
            <Line yAxisId="pct" type="monotone" dataKey="cpuLoad" name="CPU %" stroke="#4f46e5" dot={false} connectNulls={false} />
            <Line yAxisId="pct" type="monotone" dataKey="memoryUsedPct" name="Memory %" stroke="#0d9488" dot={false} connectNulls={false} />
            <Line yAxisId="ms" type="monotone" dataKey="latencyMs" name="API latency" stroke="#f59e0b" dot={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

/** The latest API interactions: command (secrets redacted), result, duration. */
export function RouterApiLogTable({ rows, timeZone }: { rows: ApiLogRow[]; timeZone: string }) {
  if (rows.length === 0) return <p className="text-sm text-gray-500">No API calls yet.</p>;
  return (
    <PlainTable label="API interactions" columns={[{ label: "When" }, { label: "Command" }, { label: "Result" }, { label: "Time", align: "right" }]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="whitespace-nowrap px-3 py-2 text-gray-600">{formatDateTime(r.at, timeZone)}</td>
              <td className="max-w-md truncate px-3 py-2 font-mono text-xs" title={r.command}>
                {r.command}
              </td>
              <td className="px-3 py-2">
                {r.ok ? (
                  <span className="text-green-700">ok{r.rows !== null ? ` · ${r.rows} rows` : ""}</span>
                ) : (
                  <span className="text-red-700" title={r.message ?? ""}>
                    {r.errorKind ?? "error"}: {r.message}
                  </span>
                )}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-gray-600">{r.durationMs} ms</td>
            </tr>
          ))}
    </PlainTable>
  );
}
