"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DigestPoint } from "@/lib/reports/list-tenant-digests";

const SERIES = [
  { key: "ACTIVE", label: "Active", color: "#16a34a" },
  { key: "SUSPENDED", label: "Suspended", color: "#ca8a04" },
  { key: "EXPIRED", label: "Expired", color: "#ea580c" },
  { key: "DISABLED", label: "Disabled", color: "#9ca3af" },
] as const;

/** Customers by status per day, from the daily digests. */
export function CustomerTrendChart({ points }: { points: DigestPoint[] }) {
  return (
    <div className="h-64 w-full" role="img" aria-label={`Customers by status over the last ${points.length} days`}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={points} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} tickFormatter={(d: string) => d.slice(5)} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
          <Tooltip />
          <Legend />
          {SERIES.map((s) => (
            <Area key={s.key} type="monotone" dataKey={s.key} name={s.label} stackId="status" stroke={s.color} fill={s.color} fillOpacity={0.25} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
