// `npm start` supervises instead of hosting: every part that can crash (the web server, the job
// worker, the router simulators, FreeRADIUS) is a child process, restarted with backoff when it
// exits, while the resources the supervisor owns (the embedded PostgreSQL) outlive any child.
//
// Orphans: each child runs in its own process group (so a stop reaches its own children too), and
// a tiny guard process holds a pipe from the supervisor. Whatever ends the supervisor, SIGKILL
// included, closes that pipe; the guard then stops every registered process group and resource
// and exits. (Node has no prctl(PR_SET_PDEATHSIG); the pipe is the portable equivalent.)
import { spawn, type ChildProcess } from "node:child_process";

export type ChildSpec = {
  name: string;
  command: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Restart when it exits (default true). */
  restart?: boolean;
  /** Exit codes that mean "nothing to do here" or "misconfigured": no restart (e.g. 78, EX_CONFIG). */
  finalExitCodes?: number[];
  stdio?: "inherit" | "ignore";
};

export type Backoff = {
  /** First restart delay; doubled on each consecutive crash. */
  initialMs: number;
  maxMs: number;
  /** A child that ran this long before exiting starts again from initialMs. */
  stableMs: number;
};

export type SupervisorOptions = {
  log?: (message: string) => void;
  backoff?: Partial<Backoff>;
  /** How long a child has after SIGTERM before SIGKILL (also the guard's grace). */
  stopTimeoutMs?: number;
  /** Called each time a child (re)starts. */
  onStart?: (name: string, pid: number) => void;
};

/** Exit code of a child that cannot run here (FreeRADIUS not installed, its ports taken): list it in finalExitCodes. */
export const EX_CONFIG = 78;

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30_000, stableMs: 60_000 };

/** The delay before restart number `crashes` (1-based) of a child that keeps crashing. */
export function restartDelay(crashes: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, crashes - 1));
}

type Supervised = {
  spec: ChildSpec;
  process?: ChildProcess;
  startedAt: number;
  crashes: number;
  restarts: number;
  timer?: NodeJS.Timeout;
};

// Runs as `node -e`: no file, no loader, nothing of the app. Lines on stdin: "+<pid> <SIGNAL> <g|p>"
// registers a process group (g) or a single process (p); "-<pid>" forgets it. On end of input
// (the supervisor is gone) it signals everything registered, waits, then SIGKILLs what is left.
const GUARD_SOURCE = `
const watched = new Map();
let buf = "";
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === "EPERM"; } };
const target = (pid, w) => (w.group ? -pid : pid);
const send = (pid, w, sig) => { try { process.kill(target(pid, w), sig); } catch {} };
process.stdin.on("data", (d) => {
  buf += d;
  let i;
  while ((i = buf.indexOf("\\n")) >= 0) {
    const line = buf.slice(0, i); buf = buf.slice(i + 1);
    const [head, signal, kind] = line.split(" ");
    const pid = Number(head.slice(1));
    if (head[0] === "+") watched.set(pid, { signal, group: kind === "g" });
    else watched.delete(pid);
  }
});
let finishing = false;
const finish = () => {
  if (finishing) return;
  finishing = true;
  for (const [pid, w] of watched) send(pid, w, w.signal);
  const end = Date.now() + Number(process.argv[1] || 5000);
  const tick = () => {
    const left = [...watched].filter(([pid]) => alive(pid));
    if (left.length === 0) process.exit(0);
    if (Date.now() > end) { for (const [pid, w] of left) send(pid, w, "SIGKILL"); process.exit(0); }
    setTimeout(tick, 50);
  };
  tick();
};
process.stdin.on("end", finish);
process.stdin.on("close", finish);
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {});
`;

export class Supervisor {
  private readonly children = new Map<string, Supervised>();
  private readonly backoff: Backoff;
  private readonly log: (message: string) => void;
  private readonly stopTimeoutMs: number;
  private readonly onStart: SupervisorOptions["onStart"];
  private guard: ChildProcess | undefined;
  private stopping = false;

  constructor(options: SupervisorOptions = {}) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.log = options.log ?? ((m) => console.log(`[supervisor] ${m}`));
    this.stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
    this.onStart = options.onStart;
  }

  /** The guard process's pid (tests check it exits too). */
  get guardPid(): number | undefined {
    return this.guard?.pid;
  }

  private ensureGuard(): ChildProcess {
    if (this.guard) return this.guard;
    const guard = spawn(process.execPath, ["-e", GUARD_SOURCE, String(this.stopTimeoutMs)], { detached: true, stdio: ["pipe", "ignore", "inherit"] });
    guard.stdin!.on("error", () => {}); // the guard gone before us: nothing to write to
    guard.unref();
    (guard.stdin as unknown as { unref?: () => void }).unref?.();
    this.guard = guard;
    return guard;
  }

  /** Has the guard stop `pid` (a process, or with `group` its process group) if this process dies. */
  watch(pid: number, signal: NodeJS.Signals = "SIGTERM", group = false): void {
    this.ensureGuard().stdin!.write(`+${pid} ${signal} ${group ? "g" : "p"}\n`);
  }

  unwatch(pid: number): void {
    this.guard?.stdin?.write(`-${pid}\n`);
  }

  start(spec: ChildSpec): void {
    if (this.children.has(spec.name)) throw new Error(`a child named ${spec.name} is already supervised`);
    const entry: Supervised = { spec, startedAt: 0, crashes: 0, restarts: 0 };
    this.children.set(spec.name, entry);
    this.launch(entry);
  }

  pid(name: string): number | undefined {
    return this.children.get(name)?.process?.pid;
  }

  restarts(name: string): number {
    return this.children.get(name)?.restarts ?? 0;
  }

  private launch(entry: Supervised): void {
    const { spec } = entry;
    const child = spawn(spec.command, spec.args ?? [], {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      // Its own process group: a stop reaches the child's children, and Ctrl-C in a terminal
      // reaches only the supervisor, which stops the children in order.
      detached: true,
      stdio: ["ignore", spec.stdio ?? "inherit", spec.stdio ?? "inherit"],
    });
    entry.process = child;
    entry.startedAt = Date.now();
    if (child.pid) {
      this.watch(child.pid, "SIGTERM", true);
      this.onStart?.(spec.name, child.pid);
    }
    child.on("error", (error) => this.log(`${spec.name}: could not start: ${error.message}`));
    child.on("exit", (code, signal) => this.exited(entry, child, code, signal));
  }

  private exited(entry: Supervised, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (entry.process !== child) return;
    entry.process = undefined;
    if (child.pid) {
      // Whatever the child left behind in its group goes with it.
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // the group is already empty
      }
      this.unwatch(child.pid);
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (this.stopping) {
      this.log(`${entry.spec.name} stopped (${how})`);
      return;
    }
    if (entry.spec.restart === false || (code !== null && entry.spec.finalExitCodes?.includes(code))) {
      this.log(`${entry.spec.name} exited (${how})`);
      return;
    }
    const ranMs = Date.now() - entry.startedAt;
    entry.crashes = ranMs >= this.backoff.stableMs ? 1 : entry.crashes + 1;
    const delay = restartDelay(entry.crashes, this.backoff);
    this.log(`${entry.spec.name} exited (${how}) after ${(ranMs / 1000).toFixed(1)} s; restarting in ${(delay / 1000).toFixed(1)} s`);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.stopping) return;
      entry.restarts++;
      this.log(`${entry.spec.name}: restart #${entry.restarts}`);
      this.launch(entry);
    }, delay);
  }

  /** SIGTERM to every child (and its group), SIGKILL to what is left after stopTimeoutMs. */
  async stop(): Promise<void> {
    this.stopping = true;
    const running: Promise<void>[] = [];
    for (const entry of this.children.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      const child = entry.process;
      if (!child?.pid || child.exitCode !== null || child.signalCode !== null) continue;
      const pid = child.pid;
      running.push(
        new Promise<void>((resolve) => {
          const kill = setTimeout(() => signalGroup(pid, "SIGKILL"), this.stopTimeoutMs);
          child.once("exit", () => {
            clearTimeout(kill);
            resolve();
          });
          signalGroup(pid, "SIGTERM");
        }),
      );
    }
    await Promise.all(running);
  }

  /** After stop() and the resources: lets the guard go (nothing is left for it to stop). */
  release(): void {
    this.guard?.stdin?.end();
    this.guard = undefined;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * For a process that must not outlive whoever started it (a supervised child, or the supervisor
 * under `npm`): when the parent dies, the process is re-parented, so `process.ppid` changes.
 * Then `onOrphaned` runs (usually the graceful stop).
 */
export function exitWhenParentDies(onOrphaned: () => void, intervalMs = 500): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onOrphaned();
    }
  }, intervalMs);
  timer.unref();
}
