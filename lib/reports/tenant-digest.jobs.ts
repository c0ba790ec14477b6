// The daily tenant digest: an hourly platform run finds the tenants whose local day just ended and
// fans out one child run per tenant, which stores that day's snapshot.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { buildTenantDigest } from "./build-tenant-digest";
import { findTenantsDueForDigest } from "./find-tenants-due-for-digest";

export const TENANT_DIGEST_REQUESTED = "reports/tenant-digest.requested";

export const tenantDigestFanOut = defineJob({
  id: "reports.tenant-digest.fan-out",
  name: "Tenant digests: find tenants whose day ended",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "0 * * * *", timezone: "UTC" },
  retries: 3,
  handler: async ({ payload, step }) => {
    const due = await step.run("find-due-tenants", () => findTenantsDueForDigest(new Date(payload.scheduledAt)));
    await step.sendEvent(
      "fan-out",
      due.map((d) => ({ id: `digest:${d.tenantId}:${d.day}`, name: TENANT_DIGEST_REQUESTED, tenantId: d.tenantId, data: { day: d.day } })),
    );
    return { tenants: due.length };
  },
});

export const tenantDigestBuild = defineJob({
  id: "reports.tenant-digest.build",
  name: "Tenant digest",
  scope: "tenant",
  payload: z.object({ tenantId: z.uuid(), day: z.iso.date() }),
  events: [TENANT_DIGEST_REQUESTED],
  retries: 5,
  concurrencyKey: "tenantId",
  handler: async ({ payload, step }) => {
    const digest = await step.run("build", async () => {
      const row = await buildTenantDigest(payload);
      return { id: row.id, customersTotal: row.customersTotal, auditEntries: row.auditEntries };
    });
    return digest;
  },
});
