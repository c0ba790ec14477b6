// The supervisor with real processes: restarts with backoff, graceful stop in order, and no
// orphan left when the supervisor itself is SIGKILLed.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { restartDelay, Supervisor } from "./supervisor";

/** Running (a zombie waiting to be reaped counts as gone: it holds no port and runs nothing). */
function alive(pid: number): boolean {
  try {
    if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"))) return false;
  } catch {
    return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function until(probe: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (probe()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return probe();
}

type Line = { started?: string; pid?: number; log?: string; ready?: boolean; guard?: number };

/** The fixture supervisor as a real process, its JSON lines collected. */
function startFixture(): { proc: ChildProcess; lines: Line[]; pids: (name: string) => number[] } {
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/lib/supervisor.fixture.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  const lines: Line[] = [];
  let buf = "";
  proc.stdout!.on("data", (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const text = buf.slice(0, i);
      buf = buf.slice(i + 1);
      try {
        lines.push(JSON.parse(text) as Line);
      } catch {
        lines.push({ log: text });
      }
    }
  });
  const pids = (name: string) => lines.filter((l) => l.started === name).map((l) => l.pid!);
  return { proc, lines, pids };
}

const ready = (fx: ReturnType<typeof startFixture>) => fx.lines.some((l) => l.ready) && fx.pids("grandchild").length > 0 && fx.lines.some((l) => l.log === "node child: ready");

const cleanup: number[] = [];
afterEach(() => {
  for (const pid of cleanup.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone, as it should be
    }
  }
});

describe("supervisor", () => {
  it("restart delays double per crash and cap", () => {
    const b = { initialMs: 1000, maxMs: 30_000, stableMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartDelay(n, b))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it("restarts a crashing child with growing delays and logs every exit", async () => {
    const log: string[] = [];
    const started: number[] = [];
    const s2 = new Supervisor({ log: (m) => log.push(m), backoff: { initialMs: 100, maxMs: 400, stableMs: 60_000 }, onStart: (_n, pid) => started.push(pid) });
    s2.start({ name: "crasher", command: process.execPath, args: ["-e", "setTimeout(() => { throw new Error('boom') }, 20)"], stdio: "ignore" });
    try {
      expect(await until(() => s2.restarts("crasher") >= 4, 10_000)).toBe(true);
    } finally {
      await s2.stop();
      s2.release();
    }
    const exits = log.filter((l) => l.startsWith("crasher exited"));
    expect(exits.length).toBeGreaterThanOrEqual(4);
    expect(exits[0]).toMatch(/crasher exited \(code 1\) after [\d.]+ s; restarting in 0\.1 s/);
    expect(exits.slice(0, 4).map((l) => l.match(/restarting in ([\d.]+) s/)![1])).toEqual(["0.1", "0.2", "0.4", "0.4"]);
    expect(log).toContain("crasher: restart #1");
    expect(new Set(started).size).toBe(started.length);
  }, 20_000);

  it("a child exiting with a final code (cannot run here) is not restarted", async () => {
    const log: string[] = [];
    const supervisor = new Supervisor({ log: (m) => log.push(m), backoff: { initialMs: 50, maxMs: 50, stableMs: 60_000 } });
    supervisor.start({ name: "radius", command: process.execPath, args: ["-e", "process.exit(78)"], finalExitCodes: [78], stdio: "ignore" });
    await until(() => log.length > 0, 5000);
    await new Promise((r) => setTimeout(r, 300));
    supervisor.release();
    expect(log).toEqual(["radius exited (code 78)"]);
    expect(supervisor.restarts("radius")).toBe(0);
  });

  it("a child killed by a signal is logged with it and restarted; the supervisor's own resource lives on", async () => {
    const fx = startFixture();
    cleanup.push(fx.proc.pid!);
    expect(await until(() => ready(fx), 15_000)).toBe(true);
    const [database] = fx.pids("database");
    const [first] = fx.pids("node");
    cleanup.push(database!, first!, ...fx.pids("binary"), ...fx.pids("family"), ...fx.pids("grandchild"));
    process.kill(first!, "SIGKILL");
    expect(await until(() => fx.pids("node").length === 2, 5000)).toBe(true);
    expect(fx.lines.map((l) => l.log).find((l) => l?.startsWith("node exited"))).toMatch(/node exited \(signal SIGKILL\)/);
    expect(alive(database!)).toBe(true);
    expect(alive(fx.pids("node")[1]!)).toBe(true);
    fx.proc.kill("SIGTERM");
    await new Promise((r) => fx.proc.once("exit", r));
  }, 30_000);

  it("SIGTERM stops the children first (they get SIGTERM), then the database", async () => {
    const fx = startFixture();
    cleanup.push(fx.proc.pid!);
    expect(await until(() => ready(fx), 15_000)).toBe(true);
    const all = ["database", "binary", "family", "grandchild", "node"].flatMap((n) => fx.pids(n));
    cleanup.push(...all);
    fx.proc.kill("SIGTERM");
    await new Promise((r) => fx.proc.once("close", r));
    const logs = fx.lines.map((l) => l.log).filter(Boolean);
    expect(logs.indexOf("node child: SIGTERM"), logs.join("\n")).toBeGreaterThanOrEqual(0);
    expect(logs.indexOf("node child: SIGTERM")).toBeLessThan(logs.indexOf("children stopped; stopping the database"));
    expect(await until(() => all.every((pid) => !alive(pid)), 3000)).toBe(true);
  }, 30_000);

  it("SIGKILL of the supervisor leaves no child, grandchild or database process alive", async () => {
    const fx = startFixture();
    cleanup.push(fx.proc.pid!);
    expect(await until(() => ready(fx), 15_000)).toBe(true);
    const guard = fx.lines.find((l) => l.ready)!.guard!;
    const all = ["database", "binary", "family", "grandchild", "node"].flatMap((n) => fx.pids(n));
    cleanup.push(...all, guard);
    expect(all).toHaveLength(5);
    expect(all.every(alive)).toBe(true);
    fx.proc.kill("SIGKILL");
    await new Promise((r) => fx.proc.once("exit", r));
    const t0 = Date.now();
    const gone = await until(() => all.every((pid) => !alive(pid)) && !alive(guard), 3000);
    expect(gone, `still alive: ${all.filter(alive).join(", ")}`).toBe(true);
    expect(Date.now() - t0).toBeLessThan(3000);
  }, 30_000);
});
