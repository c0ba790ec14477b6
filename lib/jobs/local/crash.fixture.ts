// A job and a worker process for the crash test: the worker is killed in the middle of a step and
// another worker must finish the run without redoing the steps that had completed.
import { z } from "zod";
import { defineJob, type AnyJobDefinition } from "../define-job";

export function crashJob(id: string, options: { hang: boolean }): AnyJobDefinition {
  return defineJob({
    id,
    name: "crash test",
    scope: "platform",
    payload: z.object({}),
    events: ["test/never"],
    retries: 2,
    timeoutSeconds: 3,
    handler: async ({ step }) => {
      await step.run("prepare", async () => "prepared");
      await step.run("slow", async () => {
        if (options.hang) await new Promise(() => {}); // the process is killed here
        return "done";
      });
    },
  }) as unknown as AnyJobDefinition;
}

// Run as a child process: `tsx lib/jobs/local/crash.fixture.ts <queue> <jobId>`.
if (process.argv[1]?.endsWith("crash.fixture.ts")) {
  const [queue, jobId] = process.argv.slice(2);
  const { startTestDriver } = await import("../testing");
  await startTestDriver([crashJob(jobId!, { hang: true })], { queue, workers: 1 });
  process.stdout.write("worker ready\n");
}
