// Each job definition (lib/jobs/registry.ts) becomes one Inngest function: its steps are step.run
// with the same ids, fan-out is step.sendEvent, crons are Inngest crons, per-key concurrency is an
// Inngest concurrency key. The work itself stays in the lib services the definitions call.
import { NonRetriableError } from "inngest";
import { isNonRetriable, type AnyJobDefinition, type JobEvent, type StepTools } from "@/lib/jobs/define-job";
import { jobDefinitions } from "@/lib/jobs/registry";
import { stableUuid } from "@/lib/jobs/stable-uuid";
import { withSystem } from "@/lib/db";
import { RUN_REQUESTED, type RunRequestedData } from "@/lib/jobs/run-requested";
import { inngest } from "./client";
import { recordAttempt, recordRunEnd, recordRunStart, recordStep, runIdOfInngestRun } from "./runs";

const CRON_EVENT = "inngest/scheduled.timer";

type InngestStep = {
  run: (id: string, fn: () => Promise<unknown>) => Promise<unknown>;
  sendEvent: (id: string, events: { id?: string; name: string; data: Record<string, unknown> }[]) => Promise<unknown>;
};

/** Our "another attempt cannot cure it" (isNonRetriable) as Inngest's, inside a step or out. */
function nonRetriableIfSo(error: unknown): unknown {
  if (!isNonRetriable(error) || error instanceof NonRetriableError) return error;
  return new NonRetriableError(error instanceof Error ? error.message : String(error), { cause: error });
}

function toStepTools(step: InngestStep, run: { id: string; tenantId: string | null }): StepTools {
  let position = 0;
  return {
    async run<T>(id: string, fn: () => Promise<T>): Promise<T> {
      const at = ++position;
      return (await step.run(id, async () => {
        const output = await fn().catch((error: unknown) => {
          throw nonRetriableIfSo(error);
        });
        await recordStep(run, id, at, output);
        return output;
      })) as T;
    },
    async sendEvent(id: string, events: JobEvent[]) {
      ++position;
      if (!events.length) return;
      await step.sendEvent(
        id,
        events.map((e) => ({ id: stableUuid(e.id), name: e.name, data: { ...e.data, ...(e.tenantId ? { tenantId: e.tenantId } : {}) } })),
      );
    },
    async progress(done: number, total: number) {
      await withSystem("inngest: progress", (tx) => tx.jobRun.updateMany({ where: { id: run.id }, data: { progressDone: done, progressTotal: total } }));
    },
  };
}

export function toInngestFunction(def: AnyJobDefinition) {
  const triggers = [
    ...(def.events ?? []).map((event) => ({ event })),
    { event: RUN_REQUESTED, if: `event.data.jobId == '${def.id}'` },
    ...(def.cron ? [{ cron: `TZ=${def.cron.timezone ?? "UTC"} ${def.cron.expression}` }] : []),
  ];
  return inngest.createFunction(
    {
      id: def.id,
      name: def.name,
      retries: Math.min(20, def.retries) as 0,
      concurrency: def.concurrencyKey ? [{ key: `event.data.${def.concurrencyKey}`, limit: 1 }] : undefined,
      triggers: triggers as [{ event: string }],
      onFailure: async ({ event, error }) => {
        const original = event.data as { run_id?: string };
        if (original.run_id) await recordRunEnd(runIdOfInngestRun(def, original.run_id), { status: "FAILED", error: error.message });
      },
    },
    async ({ event, step, runId, attempt }) => {
      const isCron = event.name === CRON_EVENT;
      const requested = event.name === RUN_REQUESTED ? (event.data as RunRequestedData) : null;
      const payload = isCron ? { scheduledAt: new Date(event.ts ?? Date.now()).toISOString() } : requested ? requested.payload : event.data;
      const trigger = isCron ? `cron:${def.cron?.expression}` : requested ? (requested.rerunOfId ? "rerun" : "manual") : `event:${event.name}`;
      const run = (await step.run("__run-start", () => recordRunStart(def, runId, payload, trigger, requested?.rerunOfId))) as Awaited<ReturnType<typeof recordRunStart>>;
      if (!run.valid) throw new NonRetriableError(run.error ?? "invalid payload");
      await recordAttempt(run.id, attempt + 1);
      const output = await def
        .handler({
          payload: def.payload.parse(payload),
          runId: run.id,
          attempt: attempt + 1,
          tenantId: run.tenantId,
          step: toStepTools(step as unknown as InngestStep, run),
        })
        .catch((error: unknown) => {
          throw nonRetriableIfSo(error);
        });
      await step.run("__run-end", () => recordRunEnd(run.id, { status: "COMPLETED", output }));
      return output;
    },
  );
}

export const inngestFunctions = jobDefinitions.map(toInngestFunction);
