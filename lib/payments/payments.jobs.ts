// The payment jobs (docs/jobs.md): pending attempts asked about, failed webhooks processed again.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { reconcilePending } from "./reconcile";
import { pruneWebhookRequests, retryFailedWebhooks } from "./webhooks";

/** Every minute: pending attempts whose check is due are asked about at their gateway. */
export const reconcilePaymentsJob = defineJob({
  id: "payments.reconcile",
  name: "Pending payments",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "* * * * *" },
  retries: 2,
  timeoutSeconds: 600,
  handler: async ({ step }) => step.run("reconcile", () => reconcilePending()),
});

/** Every minute: webhook requests whose processing failed are processed again. */
export const retryWebhooksJob = defineJob({
  id: "payments.webhook-retry",
  name: "Webhook retries",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "* * * * *" },
  retries: 2,
  timeoutSeconds: 600,
  handler: async ({ step }) => step.run("retry", () => retryFailedWebhooks()),
});

/** Daily: stored webhook requests past retention (lib/payments/webhooks.ts pruneWebhookRequests). */
export const pruneWebhooksJob = defineJob({
  id: "payments.prune-webhooks",
  name: "Webhook retention",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "47 3 * * *" },
  retries: 3,
  timeoutSeconds: 3600,
  handler: async ({ step }) => ({ deleted: await step.run("prune", () => pruneWebhookRequests()) }),
});
