"use client";

import { useRef, useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBps } from "@/components/units";
import type { TrafficReading } from "@/lib/routers/live";
import { makeRateTracker, usePolling } from "./use-polling";

type Point = { t: string; down: number; up: number };
const KEEP = 60;

/** One customer's traffic now, from its router, every 3 seconds (the last 3 minutes drawn). */
export function LiveTrafficChart({ customerId }: { customerId: string }) {
  const tracker = useRef(makeRateTracker());
  const [points, setPoints] = useState<Point[]>([]);
  const reading = usePolling<TrafficReading>(`/api/customers/${customerId}/traffic`, 3000, (r) => {
    if (!r.online) return;
    const at = Date.parse(r.at);
    const fromBytes = tracker.current("c", at, r.bytesDown, r.bytesUp);
    const down = r.downBps ?? fromBytes.down;
    const up = r.upBps ?? fromBytes.up;
    if (down === null || up === null) return;
    const t = new Date(at).toISOString().slice(11, 19);
    setPoints((p) => [...p.slice(-(KEEP - 1)), { t, down, up }]);
  });
  const r = reading.data;
  const latest = points.at(-1);
  return (
    <div>
      <p className="mb-2 text-sm text-gray-600" aria-live="polite">
        {reading.error
          ? reading.error
          : !r
            ? "Asking the router…"
            : !r.online
              ? (r.message ?? "Not online.")
              : latest
                ? `Now ${formatBps(latest.down)} down, ${formatBps(latest.up)} up${r.routerName ? ` on ${r.routerName}` : ""}`
                : "Measuring…"}
      </p>
      <div className="h-48 w-full" role="img" aria-label="Live download and upload rate">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="t" tick={{ fontSize: 11 }} minTickGap={24} />
            <YAxis tick={{ fontSize: 11 }} width={64} tickFormatter={(v: number) => formatBps(v)} />
            <Tooltip formatter={(v) => formatBps(Number(v))} />
            <Legend />
            <Line type="monotone" dataKey="down" name="Download" stroke="#4f46e5" dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="up" name="Upload" stroke="#0d9488" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
