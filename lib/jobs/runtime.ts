// The job runtime of one process (`npm start` or `npm run worker`): the outbox relay, and with the
// local driver also the workers and the cron scheduler. With Inngest, Inngest runs the functions
// and their crons; this process only relays events to it.
import type { AnyJobDefinition } from "./define-job";
import { activeDriverKind } from "./driver-kind";
import { LocalDriver } from "./local/local-driver";
import { relayClaimed, relayTransactional, type OutboxRow } from "./outbox/relay";
import { RelayLoop } from "./outbox/relay-loop";
import { runSchedulerTick } from "./schedule/run-scheduler-tick";
import { sweepOrphanedRuns } from "./local/sweep-orphaned-runs";
import { WorkerHeartbeat } from "./worker-heartbeat";

export type JobRuntimeOptions = {
  connectionString: string;
  definitions: readonly AnyJobDefinition[];
  /** Sends events to Inngest (inngest/send-events.ts); needed when the driver is Inngest. */
  sendToInngest?: (rows: OutboxRow[]) => Promise<void>;
  driver?: "local" | "inngest";
  workers?: number;
  schedulerIntervalMs?: number;
  relayPollMs?: number;
  now?: () => Date;
  log?: (message: string) => void;
};

export type JobRuntime = {
  kind: "local" | "inngest";
  local?: LocalDriver;
  relay: RelayLoop;
  tickScheduler?: () => Promise<number>;
  /** Records the error that is killing this process (see fatal-errors.ts). */
  recordFatal: (text: string) => Promise<void>;
  stop: () => Promise<void>;
};

export async function startJobRuntime(options: JobRuntimeOptions): Promise<JobRuntime> {
  const kind = options.driver ?? activeDriverKind();
  const log = options.log ?? ((m: string) => console.log(`[jobs] ${m}`));
  const onError = (e: unknown) => log(`error: ${e instanceof Error ? e.message : String(e)}`);

  if (kind === "inngest") {
    const send = options.sendToInngest;
    if (!send) throw new Error("the Inngest driver needs sendToInngest");
    const relay = new RelayLoop({ connectionString: options.connectionString, relayOnce: () => relayClaimed(send), pollMs: options.relayPollMs, onError });
    await relay.start();
    // Beats for /api/health: with Inngest this process is the outbox relay.
    const heartbeat = new WorkerHeartbeat("inngest", { onError });
    await heartbeat.start();
    log("driver: inngest (this process relays the outbox; Inngest runs the functions)");
    return {
      kind,
      relay,
      recordFatal: (text) => heartbeat.recordFatal(text),
      stop: async () => {
        await relay.stop();
        await heartbeat.stop();
      },
    };
  }

  const local = new LocalDriver({ connectionString: options.connectionString, definitions: options.definitions, workers: options.workers ?? 4, log });
  await local.start({ work: true });
  const relay = new RelayLoop({
    connectionString: options.connectionString,
    relayOnce: () => relayTransactional((tx, rows) => local.deliver(tx, rows)),
    pollMs: options.relayPollMs,
    onError,
  });
  await relay.start();
  const now = options.now ?? (() => new Date());
  const tickScheduler = () => runSchedulerTick({ definitions: options.definitions, now: now(), enqueue: (tx, input) => local.enqueue(tx, input) });
  const timer = setInterval(() => {
    void tickScheduler().catch(onError);
    void sweepOrphanedRuns().catch(onError);
  }, options.schedulerIntervalMs ?? 15_000);
  await tickScheduler().catch(onError);
  log(`driver: local (PostgreSQL), ${options.workers ?? 4} workers`);
  return {
    kind,
    local,
    relay,
    tickScheduler,
    recordFatal: (text) => local.recordFatal(text),
    stop: async () => {
      clearInterval(timer);
      await relay.stop();
      await local.stop();
    },
  };
}
