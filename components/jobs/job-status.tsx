import { Badge } from "@/components/ui/badge";

const TONES: Record<string, "green" | "yellow" | "red" | "blue" | "neutral"> = {
  QUEUED: "neutral",
  RUNNING: "blue",
  RETRYING: "yellow",
  COMPLETED: "green",
  FAILED: "red",
  CANCELLED: "neutral",
};

export function JobStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? "neutral"}>{status.charAt(0) + status.slice(1).toLowerCase()}</Badge>;
}

/** A progress bar for a run that reports progress; nothing when it doesn't. */
export function JobProgress({ done, total, label }: { done: number | null; total: number | null; label: string }) {
  if (done === null || !total) return null;
  const pct = Math.min(100, Math.round((done / total) * 100));
  return (
    <div className="flex min-w-32 items-center gap-2">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} className="h-2 flex-1 overflow-hidden rounded-full bg-gray-200">
        <div className="h-full rounded-full bg-indigo-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <span className="text-xs tabular-nums text-gray-600">
        {done}/{total}
      </span>
    </div>
  );
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
