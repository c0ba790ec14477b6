// One tick of the local scheduler: for every cron job, enqueue each occurrence since the last
// tick (kept in job_schedules under a row lock, so two schedulers never double-fire, and a
// scheduler that was down catches up). Run ids are keyed by the instant, which makes it idempotent.
import { withSystem, type Tx } from "@/lib/db";
import type { AnyJobDefinition, CronPayload } from "../define-job";
import type { EnqueueInput } from "../local/local-driver";
import { cronOccurrences } from "./cron";

export type Enqueue = (tx: Tx, input: EnqueueInput) => Promise<{ runId: string; created: boolean }>;

export async function runSchedulerTick(options: { definitions: Iterable<AnyJobDefinition>; now: Date; enqueue: Enqueue }): Promise<number> {
  let enqueued = 0;
  for (const definition of options.definitions) {
    if (!definition.cron) continue;
    enqueued += await withSystem("job scheduler tick", async (tx) => {
      await tx.$executeRaw`INSERT INTO job_schedules (job_id, last_tick_at) VALUES (${definition.id}, ${options.now}) ON CONFLICT (job_id) DO NOTHING`;
      const [state] = await tx.$queryRaw<{ last_tick_at: Date }[]>`SELECT last_tick_at FROM job_schedules WHERE job_id = ${definition.id} FOR UPDATE`;
      if (!state || state.last_tick_at >= options.now) return 0;
      let n = 0;
      for (const at of cronOccurrences(definition.cron!, state.last_tick_at, options.now)) {
        const payload: CronPayload = { scheduledAt: at.toISOString() };
        const r = await options.enqueue(tx, { definition, payload, trigger: `cron:${definition.cron!.expression}`, idempotencyKey: `cron:${payload.scheduledAt}` });
        if (r.created) n++;
      }
      await tx.$executeRaw`UPDATE job_schedules SET last_tick_at = ${options.now} WHERE job_id = ${definition.id}`;
      return n;
    });
  }
  return enqueued;
}
