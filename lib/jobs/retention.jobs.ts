import { z } from "zod";
import { allTenantIds } from "@/lib/tenants/all-tenant-ids";
import { defineJob } from "./define-job";
import { pruneJobRuns } from "./runs/prune-job-runs";

/**
 * Daily: finished runs (with their steps) and delivered outbox events older than 30 days, the
 * platform's and every tenant's. Catch-up runs after downtime find nothing more to delete.
 */
export const pruneJobRunsJob = defineJob({
  id: "jobs.prune-runs",
  name: "Job history retention",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "37 3 * * *" },
  retries: 3,
  timeoutSeconds: 3600,
  handler: async ({ step }) => {
    const tenants = await step.run("find-tenants", () => allTenantIds());
    const total = await step.run("platform", () => pruneJobRuns(null));
    for (const tenantId of tenants) {
      const r = await step.run(`tenant-${tenantId}`, () => pruneJobRuns(tenantId));
      total.runs += r.runs;
      total.events += r.events;
    }
    return total;
  },
});
