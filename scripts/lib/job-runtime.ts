// Starts the job runtime for a process that has the database ready (npm start, npm run worker, e2e).
import { jobDefinitions } from "@/lib/jobs/registry";
import { startJobRuntime, type JobRuntime } from "@/lib/jobs/runtime";

export async function startProductJobs(appUrl: string, log: (m: string) => void): Promise<JobRuntime> {
  const { sendOutboxToInngest } = await import("@/inngest/send-events");
  return startJobRuntime({
    connectionString: appUrl,
    definitions: jobDefinitions,
    sendToInngest: sendOutboxToInngest,
    workers: Number(process.env.JOB_WORKERS ?? 4),
    log,
  });
}
