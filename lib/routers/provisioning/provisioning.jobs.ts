// API-mode provisioning jobs: a reconcile per router (on every relevant change, through the
// outbox, and on "Sync now"), never two at once for one router, retried with backoff while the
// router is unreachable; and a schedule every 10 minutes that reconciles every API-mode router,
// so drift is found and a router that was down converges when it returns.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { flushRouterLog } from "../router-access";
import { ROUTER_SYNC_REQUESTED } from "./provisioning.events";
import { reconcileRouter, RouterSyncError } from "./reconcile-router";
import { routersToReconcile } from "./routers-to-reconcile";

export const reconcileRouterJob = defineJob({
  id: "routers.reconcile",
  name: "Router sync (API mode)",
  scope: "tenant",
  payload: z.object({ tenantId: z.uuid(), routerId: z.uuid(), reason: z.string().optional() }),
  events: [ROUTER_SYNC_REQUESTED],
  // 5 s doubled: about 40 minutes of retries; the schedule takes over after that.
  retries: 9,
  timeoutSeconds: 600,
  concurrencyKey: "routerId",
  handler: async ({ payload, step }) => {
    try {
      return await step.run("reconcile", async () => {
        try {
          return await reconcileRouter(payload.tenantId, payload.routerId);
        } catch (error) {
          if (error instanceof RouterSyncError && !error.retryable) return { routerId: payload.routerId, skipped: error.message };
          throw error;
        }
      });
    } finally {
      await flushRouterLog();
    }
  },
});

export const reconcileScheduleJob = defineJob({
  id: "routers.reconcile-schedule",
  name: "Router sync schedule (API mode)",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "*/10 * * * *", timezone: "UTC" },
  retries: 3,
  handler: async ({ payload, step }) => {
    const routers = await step.run("find-routers", () => routersToReconcile());
    await step.sendEvent(
      "fan-out",
      routers.map((r) => ({
        id: `routers-sync:${r.routerId}:cron:${payload.scheduledAt}`,
        name: ROUTER_SYNC_REQUESTED,
        tenantId: r.tenantId,
        data: { routerId: r.routerId, reason: "schedule" },
      })),
    );
    return { routers: routers.length };
  },
});
