// Billing's recurring jobs besides the bill run (docs/billing.md, "Bill run, locks and
// reminders"). Each is a platform cron that works tenant by tenant, one step per tenant, so a
// retried run skips the tenants already done; a tenant whose step fails is logged and the others
// still run (the next tick tries it again: every one of these is idempotent).
import { z } from "zod";
import { withSystem } from "@/lib/db";
import { defineJob, type StepTools } from "@/lib/jobs/define-job";
import { tenantsWithLockWork } from "../locks";
import { runDailyCharges, tenantsWithDailyCustomers } from "./daily-charges";
import { enforceLocks } from "./enforce-locks";
import { sendReminders } from "./reminders";

async function perTenant<T>(step: StepTools, tenants: string[], label: string, work: (tenantId: string) => Promise<T>) {
  let failed = 0;
  for (const tenantId of tenants) {
    try {
      await step.run(`tenant-${tenantId}`, () => work(tenantId));
    } catch (error) {
      failed++;
      console.error(`[billing] ${label} failed for tenant ${tenantId}:`, error);
    }
  }
  return { tenants: tenants.length, failed };
}

/** Every 5 minutes: lock customers past due + grace, unlock the settled, deactivate after the tenant's days. */
export const enforceLocksJob = defineJob({
  id: "billing.enforce-locks",
  name: "Billing locks",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "*/5 * * * *" },
  retries: 3,
  handler: async ({ step }) => {
    const now = new Date(await step.run("now", async () => new Date().toISOString()));
    const tenants = await step.run("find-tenants", () => withSystem("billing: tenants with lock work", (tx) => tenantsWithLockWork(tx, now)));
    return perTenant(step, tenants, "enforce-locks", (tenantId) => enforceLocks(tenantId, now));
  },
});

/** Hourly: due-soon, overdue and expiring reminders for the tenants whose local time is 09:xx. */
export const remindersJob = defineJob({
  id: "billing.reminders",
  name: "Billing reminders",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "10 * * * *" },
  retries: 3,
  handler: async ({ payload, step }) => step.run("send", () => sendReminders(new Date(payload.scheduledAt))),
});

/** Hourly: prepaid-daily customers charged once per local day (the first pass after their midnight). */
export const dailyChargesJob = defineJob({
  id: "billing.daily-charges",
  name: "Prepaid daily charges",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "2 * * * *" },
  retries: 3,
  timeoutSeconds: 30 * 60,
  handler: async ({ step }) => {
    const now = new Date(await step.run("now", async () => new Date().toISOString()));
    const tenants = await step.run("find-tenants", () => withSystem("billing: tenants with daily customers", (tx) => tenantsWithDailyCustomers(tx)));
    return perTenant(step, tenants, "daily-charges", (tenantId) => runDailyCharges(tenantId, now));
  },
});
