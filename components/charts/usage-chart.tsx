"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsagePoint } from "@/lib/radius/list-customer-usage";

const fmt = (mb: number) => (mb >= 1000 ? `${(mb / 1000).toFixed(1)} GB` : `${mb.toFixed(mb >= 10 ? 0 : 1)} MB`);

/** Daily download and upload, from the usage rollups. */
export function UsageChart({ points }: { points: UsagePoint[] }) {
  const total = points.reduce((a, p) => a + p.downloadMB + p.uploadMB, 0);
  return (
    <div>
      <p className="mb-2 text-sm text-gray-600">
        Last {points.length} days: <strong data-testid="usage-total">{fmt(total)}</strong>
      </p>
      <div className="h-56 w-full" role="img" aria-label={`Daily data usage over the last ${points.length} days`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} tickFormatter={(d: string) => d.slice(5)} />
            <YAxis tick={{ fontSize: 11 }} width={48} tickFormatter={(v: number) => fmt(v)} />
            <Tooltip formatter={(v) => fmt(Number(v))} />
            <Legend />
            <Bar dataKey="downloadMB" name="Download" stackId="u" fill="#4f46e5" />
            <Bar dataKey="uploadMB" name="Upload" stackId="u" fill="#a5b4fc" />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
