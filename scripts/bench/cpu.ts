// CPU time per process name from /proc (Linux), to say where a benchmark's CPU went: e.g. how
// much of each RADIUS request is FreeRADIUS, PostgreSQL and the load generator.
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** Milliseconds of CPU (user + system) used so far by processes grouped by command name. */
export function cpuByCommand(names: string[]): Record<string, number> {
  const totals: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const open = stat.indexOf("(");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(open + 1, close);
    const name = names.find((n) => comm.startsWith(n));
    if (!name) continue;
    const fields = stat.slice(close + 2).split(" ");
    totals[name]! += (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
  }
  return totals;
}

/** Runs `fn` and returns its result with the CPU each named process group spent meanwhile. */
export async function withCpu<T>(names: string[], fn: () => Promise<T>): Promise<{ result: T; cpuMs: Record<string, number> }> {
  const before = cpuByCommand(names);
  const self = process.cpuUsage();
  const result = await fn();
  const after = cpuByCommand(names);
  const used = process.cpuUsage(self);
  const cpuMs: Record<string, number> = {};
  for (const n of names) cpuMs[n] = after[n]! - before[n]!;
  cpuMs["load generator"] = (used.user + used.system) / 1000;
  return { result, cpuMs };
}

/** "freeradius 120 µs, postgres 210 µs, ..." per request. */
export function perRequest(cpuMs: Record<string, number>, requests: number): string {
  return Object.entries(cpuMs)
    .map(([name, ms]) => `${name} ${Math.round((ms * 1000) / Math.max(requests, 1))} µs`)
    .join(", ");
}
