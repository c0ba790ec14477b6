// The monthly bill run as jobs (docs/billing.md, "Bill run, locks and reminders"): every hour a
// platform cron asks one run per tenant with customers due (each tenant's periods end at its own
// local midnights, so an hourly look catches every zone, +05:45 and -03:30 included); the
// tenant's run bills in batches with progress at /admin/jobs. "billing/bill-run.requested" with a
// tenantId runs it for one tenant at any time (nothing due: nothing happens).
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { BILL_RUN_REQUESTED, runBillRun } from "../bill-run/run-bill-run";
import { tenantsWithBillsDue } from "../bill-run/tenants-due";

export const billRunFanOut = defineJob({
  id: "billing.bill-run.fan-out",
  name: "Bill run: every ISP",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "5 * * * *" },
  retries: 3,
  handler: async ({ payload, step }) => {
    const tenants = await step.run("find-tenants", () => tenantsWithBillsDue(new Date(payload.scheduledAt)));
    const hour = payload.scheduledAt.slice(0, 13);
    await step.sendEvent(
      "fan-out",
      tenants.map((tenantId) => ({ id: `bill-run:${tenantId}:${hour}`, name: BILL_RUN_REQUESTED, tenantId, data: {} })),
    );
    return { tenants: tenants.length };
  },
});

export const billRun = defineJob({
  id: "billing.bill-run",
  name: "Bill run",
  scope: "tenant",
  payload: z.object({ tenantId: z.uuid() }),
  events: [BILL_RUN_REQUESTED],
  retries: 5,
  timeoutSeconds: 30 * 60,
  concurrencyKey: "tenantId",
  handler: async ({ payload, step }) => runBillRun(payload.tenantId, step),
});
