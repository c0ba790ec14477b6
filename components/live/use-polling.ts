"use client";

import { useEffect, useRef, useState } from "react";

export type Polled<T> = { data: T | null; error: string | null; loading: boolean; refresh: () => void };

/**
 * Fetches JSON from `url` now and every `intervalMs` while the tab is visible; a failed poll keeps
 * the last data and says why. `onData` sees every answer in order (for rate calculations).
 */
export function usePolling<T>(url: string, intervalMs: number, onData?: (data: T) => void): Polled<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const onDataRef = useRef(onData);
  useEffect(() => {
    onDataRef.current = onData;
  });

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const poll = async () => {
      if (document.visibilityState === "visible") {
        try {
          const res = await fetch(url, { cache: "no-store", signal: controller.signal });
          const body = (await res.json()) as T & { error?: { message?: string } };
          if (cancelled) return;
          if (!res.ok) setError(body.error?.message ?? `The server answered ${res.status}.`);
          else {
            setError(null);
            setData(body);
            onDataRef.current?.(body);
          }
        } catch (e) {
          if (cancelled || controller.signal.aborted) return;
          setError(e instanceof Error ? e.message : "The request failed.");
        } finally {
          if (!cancelled) setLoading(false);
        }
      }
      if (!cancelled) timer = setTimeout(poll, intervalMs);
    };
    void poll();
    return () => {
      cancelled = true;
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [url, intervalMs, tick]);

  return { data, error, loading, refresh: () => setTick((t) => t + 1) };
}

/** Rates from successive cumulative byte counters, per key: bits per second since the last reading. */
export function makeRateTracker() {
  const last = new Map<string, { at: number; down: number; up: number }>();
  return (key: string, at: number, down: number | null, up: number | null): { down: number | null; up: number | null } => {
    if (down === null || up === null) return { down: null, up: null };
    const prev = last.get(key);
    last.set(key, { at, down, up });
    if (!prev || at <= prev.at || down < prev.down || up < prev.up) return { down: null, up: null };
    const seconds = (at - prev.at) / 1000;
    return { down: ((down - prev.down) * 8) / seconds, up: ((up - prev.up) * 8) / seconds };
  };
}
