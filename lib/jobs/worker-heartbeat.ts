// Every job runtime process beats in worker_heartbeats: /api/health reads the freshest beat, and
// workers find the dead ones (beat stopped, or pid gone on this machine) to recover their runs.
import { randomUUID } from "node:crypto";
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { withSystem } from "@/lib/db";

export const BEAT_INTERVAL_MS = 5000;
/** A worker silent this long is dead, wherever it ran (6 missed beats: survives a slow database). */
export const STALE_AFTER_SECONDS = 30;

let machine: string | undefined;

/**
 * Where a pid means something: the boot and the pid namespace. Two processes with the same value
 * see each other's pids, so a worker can tell at once that another one's process is gone. Without
 * /proc (not Linux) only the stale beat tells.
 */
export function machineId(): string {
  if (machine) return machine;
  try {
    machine = `${readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim()}/${readlinkSync("/proc/self/ns/pid")}`;
  } catch {
    machine = `nopid:${hostname()}:${randomUUID()}`;
  }
  return machine;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The heartbeats of this process (tests run several drivers in one process). */
const ownBeats = new Set<string>();

/** A beat row of this process that is not beating any more is a dead worker of ours. */
export function isOwnLiveBeat(id: string): boolean {
  return ownBeats.has(id);
}

export class WorkerHeartbeat {
  readonly id = randomUUID();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kind: "local" | "inngest",
    private readonly options: { intervalMs?: number; onBeat?: () => Promise<unknown>; onError?: (error: unknown) => void } = {},
  ) {}

  async start(): Promise<void> {
    ownBeats.add(this.id);
    await this.upsert();
    this.timer = setInterval(() => void this.beat(), this.options.intervalMs ?? BEAT_INTERVAL_MS);
    this.timer.unref();
  }

  private upsert() {
    return withSystem("worker heartbeat", (tx) =>
      tx.$executeRaw`
        INSERT INTO worker_heartbeats (id, kind, machine, pid) VALUES (${this.id}::uuid, ${this.kind}, ${machineId()}, ${process.pid})
        ON CONFLICT (id) DO UPDATE SET beat_at = now()`,
    );
  }

  private async beat(): Promise<void> {
    try {
      // An upsert: a row removed by another worker that took us for dead comes back.
      await this.upsert();
      await this.options.onBeat?.();
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** Best effort on the way down (bounded: the process is in an unknown state). */
  async recordFatal(text: string, timeoutMs = 2000): Promise<void> {
    const write = withSystem("worker heartbeat: fatal error", (tx) =>
      tx.workerHeartbeat.updateMany({ where: { id: this.id }, data: { fatalError: text.slice(0, 2000) } }),
    );
    await Promise.race([write.catch(() => {}), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    ownBeats.delete(this.id);
    await withSystem("worker heartbeat: stop", (tx) => tx.workerHeartbeat.deleteMany({ where: { id: this.id } })).catch(() => {});
  }
}

/**
 * The freshest beat of a worker that may be alive, for /api/health. A worker on this machine
 * whose pid is gone does not count, so a crash shows at once rather than when its beat goes stale.
 */
export async function lastWorkerBeat(): Promise<Date | null> {
  const rows = await withSystem("health: worker heartbeats", (tx) =>
    tx.workerHeartbeat.findMany({ select: { machine: true, pid: true, beatAt: true }, orderBy: { beatAt: "desc" }, take: 50 }),
  );
  const here = machineId();
  return rows.find((r) => r.machine !== here || pidAlive(r.pid))?.beatAt ?? null;
}
