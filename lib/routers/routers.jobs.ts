// Router health every 5 minutes: identity, version, uptime, CPU, memory; online/offline with
// history. One platform run checks every router with API access, a few at a time.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { checkAllRouters } from "./router-health";
import { flushRouterLog } from "./router-access";

export const routerHealthJob = defineJob({
  id: "routers.health-check",
  name: "Router health check",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "*/5 * * * *", timezone: "UTC" },
  retries: 1,
  timeoutSeconds: 240,
  handler: async ({ payload, step }) => {
    const summary = await step.run("check-routers", () => checkAllRouters({ now: new Date(payload.scheduledAt) }));
    await flushRouterLog();
    return summary;
  },
});
