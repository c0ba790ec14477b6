// A poison job and a worker process for the poison-run test: the job's step lets an 'error' event
// go unhandled (as node-routeros did with TLS against a plain port), which kills the process.
// Run as `node --import tsx lib/jobs/local/poison.fixture.ts <queue> <poisonJobId> <okJobId> <slowJobId>`.
import { EventEmitter } from "node:events";
import { z } from "zod";
import { defineJob, type AnyJobDefinition } from "../define-job";

export function poisonJob(id: string): AnyJobDefinition {
  return defineJob({
    id,
    name: "poison test",
    scope: "platform",
    payload: z.object({}),
    events: ["test/never"],
    retries: 2,
    handler: async ({ step }) => {
      await step.run("connect", async () => {
        // A moment later, so that a run taken alongside is under way when the process dies.
        setTimeout(() => new EventEmitter().emit("error", new Error("read ECONNRESET (TLS against a plain port)")), 300);
        await new Promise(() => {});
      });
    },
  }) as unknown as AnyJobDefinition;
}

export function okJob(id: string): AnyJobDefinition {
  return defineJob({
    id,
    name: "ok test",
    scope: "platform",
    payload: z.object({}),
    events: ["test/never"],
    retries: 0,
    handler: async ({ step }) => step.run("work", async () => "ok"),
  }) as unknown as AnyJobDefinition;
}

/** Innocent and slow, without retries: it must not pay for a poison run it shared a process with. */
export function slowJob(id: string): AnyJobDefinition {
  return defineJob({
    id,
    name: "slow test",
    scope: "platform",
    payload: z.object({}),
    events: ["test/never"],
    retries: 0,
    handler: async ({ step }) => step.run("work", () => new Promise((r) => setTimeout(() => r("done"), 3000))),
  }) as unknown as AnyJobDefinition;
}

if (process.argv[1]?.endsWith("poison.fixture.ts")) {
  const [queue, poisonId, okId, slowId] = process.argv.slice(2);
  const { startTestDriver } = await import("../testing");
  const { exitOnFatalErrors } = await import("../fatal-errors");
  const log = (m: string) => process.stdout.write(`[poison worker ${process.pid}] ${m}\n`);
  const started: { driver?: Awaited<ReturnType<typeof startTestDriver>> } = {};
  exitOnFatalErrors({ log, record: async (text) => started.driver?.recordFatal(text) });
  started.driver = await startTestDriver([poisonJob(poisonId!), okJob(okId!), slowJob(slowId!)], { queue, workers: 2, log });
  log("ready");
}
