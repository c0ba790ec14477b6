// RADIUS jobs: live effect of customer changes (CoA or disconnect), usage rollups and data caps,
// stale sessions, and retention of accounting and the auth log.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { findOpenSessions } from "./customer-sessions";
import { applyLiveChange } from "./apply-live-change";
import { rollupUsage, tenantsWithRecentAccounting } from "./rollup-usage";
import { enforceDataCaps } from "./enforce-data-caps";
import { closeStaleSessions, tenantsWithOpenSessions } from "./close-stale-sessions";
import { allTenantIds } from "@/lib/tenants/all-tenant-ids";
import { pruneAuthLog, pruneClosedSessions, radacctRetentionDays } from "./prune-accounting";

import { CUSTOMER_NETWORK_CHANGED } from "./events";

export { CUSTOMER_NETWORK_CHANGED };

/**
 * Every open session of the customer feels the change: a CoA-Request when only its speed changed
 * (falling back to a disconnect when the router refuses it), else a Disconnect-Request so it logs
 * in again under its new state. A router that refuses or does not answer leaves a retrying run,
 * shown on the customer's page. The id predates CoA and stays: it names the runs already recorded.
 */
export const disconnectCustomerSessions = defineJob({
  id: "radius.disconnect-customer",
  name: "Live session update",
  scope: "tenant",
  payload: z.object({ tenantId: z.uuid(), customerId: z.uuid(), reason: z.string(), mode: z.enum(["coa", "disconnect"]).default("disconnect") }),
  events: [CUSTOMER_NETWORK_CHANGED],
  retries: 8,
  timeoutSeconds: 120,
  concurrencyKey: "customerId",
  handler: async ({ payload, step }) => {
    const sessions = await step.run("find-sessions", async () => (await findOpenSessions(payload.tenantId, payload.customerId)).map((s) => ({ acctUniqueId: s.acctUniqueId })));
    const failures: string[] = [];
    for (const s of sessions) {
      try {
        await step.run(`${payload.mode}-${s.acctUniqueId}`, () => applyLiveChange(payload.tenantId, payload.customerId, s.acctUniqueId, payload.mode));
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (failures.length) throw new Error(failures.join("; "));
    return { sessions: sessions.length, mode: payload.mode };
  },
});

/** Every 5 minutes: accounting deltas into daily usage, then data caps. */
export const rollupUsageJob = defineJob({
  id: "radius.rollup-usage",
  name: "Usage rollups and data caps",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "*/5 * * * *" },
  retries: 3,
  handler: async ({ step }) => {
    const tenants = await step.run("find-tenants", () => tenantsWithRecentAccounting());
    let capped = 0;
    for (const tenantId of tenants) {
      capped += await step.run(`rollup-${tenantId}`, async () => {
        await rollupUsage(tenantId);
        return (await enforceDataCaps(tenantId)).length;
      });
    }
    return { tenants: tenants.length, capped };
  },
});

/** Every 5 minutes: open sessions the router stopped reporting (3 missed interim updates) are closed. */
export const closeStaleSessionsJob = defineJob({
  id: "radius.close-stale-sessions",
  name: "Close stale sessions",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "*/5 * * * *" },
  retries: 3,
  handler: async ({ step }) => {
    const tenants = await step.run("find-tenants", () => tenantsWithOpenSessions());
    let closed = 0;
    for (const tenantId of tenants) closed += await step.run(`close-${tenantId}`, () => closeStaleSessions(tenantId));
    return { tenants: tenants.length, closed };
  },
});

/**
 * Daily: closed sessions older than the retention window (RADACCT_RETENTION_DAYS, 180 by default)
 * whose usage is rolled up, and auth-log rows older than 30 days. A missed day is caught up by the
 * scheduler; every run deletes whatever is due by then, so extra runs find nothing.
 */
export const pruneAccountingJob = defineJob({
  id: "radius.prune-accounting",
  name: "Accounting retention",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "17 3 * * *" },
  retries: 3,
  timeoutSeconds: 3600,
  handler: async ({ step }) => {
    const retentionDays = radacctRetentionDays();
    const tenants = await step.run("find-tenants", () => allTenantIds());
    let sessions = 0;
    for (const tenantId of tenants) sessions += await step.run(`radacct-${tenantId}`, () => pruneClosedSessions(tenantId, { retentionDays }));
    const authLog = await step.run("radpostauth", () => pruneAuthLog());
    return { retentionDays, tenants: tenants.length, sessions, authLog };
  },
});
