// The local driver: durable jobs in PostgreSQL through pg-boss, for one machine with no Inngest
// server. pg-boss gives delivery, retries with backoff, expiry of crashed attempts and
// SKIP LOCKED fetching (two workers never take one job); this file adds runs, steps and keys.
import PgBoss from "pg-boss";
import type { Tx } from "@/lib/db";
import { DEFAULT_TIMEOUT_SECONDS, type AnyJobDefinition } from "../define-job";
import { createRuns, type CreateRunInput } from "../runs/create-run";
import { BOSS_SCHEMA, JOB_QUEUE } from "./boss-schema";

import { claimRun, executeRun, type ExecuteOutcome } from "./execute-run";
import { RUN_REQUESTED, type RunRequestedData } from "../run-requested";
import { findDeadWorkers, recoverCrashedRuns, recoverDeadWorker } from "./recover-crashed-runs";
import { RunGate } from "./run-gate";
import { WorkerHeartbeat } from "../worker-heartbeat";

export type LocalDriverOptions = {
  /** The app's connection (isp_app). */
  connectionString: string;
  definitions: readonly AnyJobDefinition[];
  /** Concurrent runs in this process. */
  workers?: number;
  pollingIntervalSeconds?: number;
  /** How often crashed attempts are looked for (pg-boss maintenance). */
  maintenanceIntervalSeconds?: number;
  /** Base delay before a retry; doubled on each attempt. */
  retryDelaySeconds?: number;
  /** Wait before retrying a run whose key is busy. */
  deferSeconds?: number;
  onOutcome?: (runId: string, outcome: ExecuteOutcome) => void;
  /** The pg-boss queue (created at deploy by ensureBossSchema); tests use their own. */
  queue?: string;
  /** How often this worker beats and looks for dead workers (ms). */
  heartbeatIntervalMs?: number;
  log?: (message: string) => void;
};

/** `suspect`: queued again after its worker died with it; runs alone (recover-crashed-runs.ts). */
type RunMessage = { runId: string; suspect?: boolean };

export type EnqueueInput = Omit<CreateRunInput, "definition"> & { definition: AnyJobDefinition };

/** Makes pg-boss issue its SQL through our transaction, so a run and its queue entry commit together. */
function txExecutor(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const params = values.map((v) => (v !== null && typeof v === "object" && !(v instanceof Date) && !Array.isArray(v) ? JSON.stringify(v) : v));
      return { rows: await tx.$queryRawUnsafe<unknown[]>(text, ...params) };
    },
  };
}

export class LocalDriver {
  readonly kind = "local" as const;
  private boss: PgBoss | undefined;
  private readonly byId: Map<string, AnyJobDefinition>;
  private readonly byEvent = new Map<string, AnyJobDefinition[]>();

  private readonly queue: string;
  private loops: Promise<void>[] = [];
  private stopping = false;
  private sleepers = new Set<() => void>();
  private heartbeat: WorkerHeartbeat | undefined;
  private readonly gate = new RunGate();

  constructor(private readonly options: LocalDriverOptions) {
    this.queue = options.queue ?? JOB_QUEUE;
    this.byId = new Map(options.definitions.map((d) => [d.id, d]));
    for (const def of options.definitions) {
      for (const name of def.events ?? []) this.byEvent.set(name, [...(this.byEvent.get(name) ?? []), def]);
    }
  }

  get queueName(): string {
    return this.queue;
  }

  get definitions(): ReadonlyMap<string, AnyJobDefinition> {
    return this.byId;
  }

  /** Connects; with `work`, also runs jobs (otherwise it only enqueues). */
  async start({ work }: { work: boolean }): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.options.connectionString,
      schema: BOSS_SCHEMA,
      migrate: false,
      schedule: false,
      supervise: work,
      maintenanceIntervalSeconds: this.options.maintenanceIntervalSeconds ?? 30,
      max: Math.max(2, Math.ceil((this.options.workers ?? 4) / 2)),
    });
    boss.on("error", (e) => console.error("[jobs] pg-boss:", e instanceof Error ? e.message : e));
    await boss.start();
    this.boss = boss;
    if (!work) return;
    this.stopping = false;
    // Beat first (a worker without a row would look dead to the others), then recover the runs
    // of dead workers, a previous life of this one included, before taking any job: a run that
    // killed its worker is counted (and failed when it is guilty) before it could do it again.
    const log = this.options.log ?? ((m: string) => console.log(`[jobs] ${m}`));
    const recover = async () => {
      const { failed, retried } = await recoverCrashedRuns(heartbeat.id, { retryDelaySeconds: this.options.retryDelaySeconds });
      if (failed.length) log(`runs failed after their worker process died with them: ${failed.join(", ")}`);
      if (retried.length) log(`runs queued again after their worker process died: ${retried.join(", ")}`);
    };
    const heartbeat = new WorkerHeartbeat("local", {
      intervalMs: this.options.heartbeatIntervalMs,
      onBeat: recover,
      onError: (e) => log(`heartbeat or recovery failed: ${e instanceof Error ? e.message : String(e)}`),
    });
    await heartbeat.start();
    this.heartbeat = heartbeat;
    await recover();
    for (let i = 0; i < (this.options.workers ?? 4); i++) this.loops.push(this.loop(boss));
  }

  /** Finishes the runs in progress, then disconnects. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeAll();
    await Promise.all(this.loops);
    this.loops = [];
    await this.boss?.stop({ graceful: true, wait: true, timeout: 15_000 });
    this.boss = undefined;
    await this.heartbeat?.stop();
    this.heartbeat = undefined;
  }

  /** This process's worker id (worker_heartbeats), while it works. */
  get workerId(): string | undefined {
    return this.heartbeat?.id;
  }

  /** Records what is killing this process, for the runs it leaves behind (best effort). */
  async recordFatal(text: string): Promise<void> {
    await this.heartbeat?.recordFatal(text);
  }

  private async recoverIfDead(workerId: string): Promise<boolean> {
    const dead = (await findDeadWorkers(this.heartbeat?.id ?? null)).find((d) => d.id === workerId);
    if (!dead) return false;
    await recoverDeadWorker(dead, { retryDelaySeconds: this.options.retryDelaySeconds });
    return true;
  }

  // Our own fetch loop rather than boss.work(): work() waits a full polling interval after every
  // job, which caps a worker at one job per interval; this one only waits when the queue is empty.
  private async loop(boss: PgBoss): Promise<void> {
    while (!this.stopping) {
      let job: PgBoss.Job<RunMessage> | undefined;
      let release = await this.gate.shared();
      try {
        [job] = await boss.fetch<RunMessage>(this.queue, { batchSize: 1 });
      } catch (error) {
        console.error("[jobs] fetch failed:", error instanceof Error ? error.message : error);
      }
      if (!job) {
        release();
        await this.sleep((this.options.pollingIntervalSeconds ?? 1) * 1000);
        continue;
      }
      await claimRun(job.data.runId, this.heartbeat!.id).catch(() => {});
      if (job.data.suspect) {
        // Alone in this process: if it kills the process again, the death is its own.
        release();
        release = await this.gate.exclusive();
      }
      try {
        await this.handle(job);
        await boss.complete(this.queue, job.id);
      } catch (error) {
        // pg-boss schedules the retry (with backoff) or marks the job failed after the last one.
        await boss.fail(this.queue, job.id, { message: error instanceof Error ? error.message : String(error) }).catch(() => {});
      } finally {
        release();
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  private sendOptions(def: AnyJobDefinition) {
    return {
      retryLimit: def.retries,
      retryDelay: this.options.retryDelaySeconds ?? 5,
      retryBackoff: true,
      expireInSeconds: def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    };
  }

  private async handle(job: PgBoss.Job<RunMessage>): Promise<void> {
    const outcome = await executeRun(job.data.runId, this.byId, { id: this.heartbeat!.id, recoverIfDead: (id) => this.recoverIfDead(id) });
    this.options.onOutcome?.(job.data.runId, outcome);
    if (outcome.kind === "retry") throw new Error(outcome.error); // pg-boss retries with backoff
    if (outcome.kind === "deferred") {
      // Its key is busy: try again shortly, without spending one of the run's retries.
      const def = this.byId.get(outcome.jobId)!;
      await this.boss!.send(this.queue, job.data, { ...this.sendOptions(def), startAfter: this.options.deferSeconds ?? 2 });
    }
  }

  /** Creates the run and its queue entry in `tx` (system scope). Idempotent on the run's key. */
  async enqueue(tx: Tx, input: EnqueueInput): Promise<{ runId: string; created: boolean }> {
    const [run] = await this.enqueueMany(tx, [input]);
    return run!;
  }

  /** Many runs in three statements: the runs, their queue entries (job id = run id), nothing else. */
  async enqueueMany(tx: Tx, inputs: EnqueueInput[]): Promise<{ runId: string; created: boolean }[]> {
    if (!this.boss) throw new Error("local job driver is not started");
    const runs = await createRuns(tx, inputs);
    const fresh = runs.filter((r) => r.created && r.valid);
    if (fresh.length) {
      await this.boss.insert(
        fresh.map((r) => ({ id: r.id, name: this.queue, data: { runId: r.id }, ...this.sendOptions(r.definition) })),
        { db: txExecutor(tx) },
      );
      // Idle workers of this process look again soon (the rows are visible once `tx` commits).
      setTimeout(() => this.wakeAll(), 20).unref();
    }
    return runs.map((r) => ({ runId: r.id, created: r.created }));
  }

  /** The event names some job here is triggered by. */
  get eventNames(): string[] {
    return [...this.byEvent.keys(), RUN_REQUESTED];
  }

  /** Turns outbox events into runs of every job they trigger. Returns how many runs were created. */
  async deliver(tx: Tx, events: { id: string; name: string; data: unknown }[]): Promise<number> {
    const inputs: EnqueueInput[] = [];
    for (const event of events) {
      if (event.name === RUN_REQUESTED) {
        const data = event.data as RunRequestedData;
        const definition = this.byId.get(data.jobId);
        if (definition) {
          const trigger = data.rerunOfId ? "rerun" : "manual";
          inputs.push({ definition, payload: data.payload, trigger, idempotencyKey: `event:${event.id}`, rerunOfId: data.rerunOfId ?? null });
        }
        continue;
      }
      for (const definition of this.byEvent.get(event.name) ?? []) {
        inputs.push({ definition, payload: event.data, trigger: `event:${event.name}`, idempotencyKey: `event:${event.id}` });
      }
    }
    return (await this.enqueueMany(tx, inputs)).filter((r) => r.created).length;
  }
}
