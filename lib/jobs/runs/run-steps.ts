// Step memoization, shared by the local driver: a step's output is stored when it completes, and
// a later attempt of the same run gets it back instead of doing the work again.
import { withSystem } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import type { JobEvent, StepTools } from "../define-job";
import { emitEvents } from "../outbox/emit-event";

function toJson(value: unknown): Prisma.InputJsonValue | null {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

function message(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export async function loadCompletedSteps(runId: string): Promise<Map<string, unknown>> {
  const steps = await withSystem("job runner: load steps", (tx) =>
    tx.jobStep.findMany({ where: { runId, status: "COMPLETED" }, select: { stepId: true, output: true } }),
  );
  return new Map(steps.map((s) => [s.stepId, s.output]));
}

export function createStepTools(run: { id: string; tenantId: string | null }, memo: Map<string, unknown>): StepTools {
  const seen = new Set<string>();
  const tools: StepTools = {
    async run<T>(stepId: string, fn: () => Promise<T>): Promise<T> {
      if (seen.has(stepId)) throw new Error(`step id "${stepId}" used twice in one run`);
      seen.add(stepId);
      if (memo.has(stepId)) return memo.get(stepId) as T;
      const position = seen.size;
      await withSystem("job runner: step start", (tx) =>
        tx.jobStep.upsert({
          where: { runId_stepId: { runId: run.id, stepId } },
          create: { runId: run.id, stepId, tenantId: run.tenantId, position, status: "RUNNING" },
          update: { status: "RUNNING", attempts: { increment: 1 }, error: null, startedAt: new Date(), finishedAt: null },
        }),
      );
      let output: T;
      try {
        output = await fn();
      } catch (error) {
        await withSystem("job runner: step failed", (tx) =>
          tx.jobStep.update({ where: { runId_stepId: { runId: run.id, stepId } }, data: { status: "FAILED", error: message(error), finishedAt: new Date() } }),
        );
        throw error;
      }
      const json = toJson(output);
      await withSystem("job runner: step done", (tx) =>
        tx.jobStep.update({
          where: { runId_stepId: { runId: run.id, stepId } },
          data: { status: "COMPLETED", output: json ?? undefined, finishedAt: new Date() },
        }),
      );
      memo.set(stepId, json);
      return json as T;
    },
    async sendEvent(stepId: string, events: JobEvent[]) {
      // Event ids are stable, so a crash between sending and recording the step re-sends nothing new.
      await tools.run(stepId, async () => {
        await withSystem("job runner: send events", (tx) => emitEvents(tx, events));
        return { sent: events.length };
      });
    },
    async progress(done: number, total: number) {
      await withSystem("job runner: progress", (tx) => tx.jobRun.update({ where: { id: run.id }, data: { progressDone: done, progressTotal: total } }));
    },
  };
  return tools;
}

export { message as errorMessage };
