// Live effect of a customer change: every open session of the customer is disconnected, so it
// reconnects under its new state. A router that refuses or does not answer leaves a retrying run.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { closeSession, findOpenSessions } from "./customer-sessions";
import { sendDisconnect } from "./send-disconnect";
import { rollupUsage, tenantsWithRecentAccounting } from "./rollup-usage";
import { enforceDataCaps } from "./enforce-data-caps";

import { CUSTOMER_NETWORK_CHANGED } from "./events";

export { CUSTOMER_NETWORK_CHANGED };

export const disconnectCustomerSessions = defineJob({
  id: "radius.disconnect-customer",
  name: "Disconnect customer sessions",
  scope: "tenant",
  payload: z.object({ tenantId: z.uuid(), customerId: z.uuid(), reason: z.string() }),
  events: [CUSTOMER_NETWORK_CHANGED],
  retries: 8,
  timeoutSeconds: 120,
  concurrencyKey: "customerId",
  handler: async ({ payload, step }) => {
    const sessions = await step.run("find-sessions", async () =>
      (await findOpenSessions(payload.tenantId, payload.customerId)).map(({ router, ...s }) => ({ ...s, routerId: router?.id ?? null })),
    );
    const failures: string[] = [];
    for (const s of sessions) {
      try {
        await step.run(`disconnect-${s.acctUniqueId}`, async () => {
          const fresh = (await findOpenSessions(payload.tenantId, payload.customerId)).find((x) => x.acctUniqueId === s.acctUniqueId);
          if (!fresh) return "already closed";
          if (!fresh.router) {
            await closeSession(payload.tenantId, s.acctUniqueId, "NAS-Unknown");
            return "router unknown: session closed";
          }
          const result = await sendDisconnect({ host: fresh.nasIp, port: fresh.router.coaPort, secret: fresh.router.secret }, fresh);
          if (result.outcome === "ACK") return "disconnected";
          if (result.outcome === "GONE") {
            await closeSession(payload.tenantId, s.acctUniqueId, "Lost-Service");
            return "not on the router: session closed";
          }
          throw new Error(
            result.outcome === "TIMEOUT"
              ? `${fresh.router.name} (${fresh.nasIp}:${fresh.router.coaPort}) did not answer the Disconnect-Request`
              : `${fresh.router.name} refused the Disconnect-Request: ${result.errorCause}`,
          );
        });
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (failures.length) throw new Error(failures.join("; "));
    return { sessions: sessions.length };
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
