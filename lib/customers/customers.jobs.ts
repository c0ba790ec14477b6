import { z } from "zod";
import { toAppError } from "@/lib/errors";
import { defineJob, isNonRetriable } from "@/lib/jobs/define-job";
import { allTenantIds } from "@/lib/tenants/all-tenant-ids";
import { expireCustomers as expireDue } from "./expire-customers";
import { CUSTOMER_IMPORT_REQUESTED, markImportFailed, runCustomerImport } from "./import-customers";
import { CUSTOMER_SEARCH_STATS_REQUESTED, refreshCustomerSearchStats } from "./search-stats";

/** Every minute: customers whose expiry instant has passed become EXPIRED (catching up after downtime). */
export const expireCustomers = defineJob({
  id: "customers.expire",
  name: "Expire customers",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "* * * * *" },
  retries: 3,
  handler: async ({ step }) => {
    let total = 0;
    for (let batch = 0; batch < 100; batch++) {
      const n = await step.run(`expire-batch-${batch}`, () => expireDue(new Date()));
      total += n;
      if (n < 500) break;
    }
    return { expired: total };
  },
});

/** Nightly: one recount of the search statistics per ISP (see search-stats.ts). */
export const customerSearchStatsFanOut = defineJob({
  id: "customers.search-stats.fan-out",
  name: "Customer search statistics: every ISP",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "23 2 * * *" },
  retries: 3,
  handler: async ({ payload, step }) => {
    const tenants = await step.run("find-tenants", () => allTenantIds());
    const day = payload.scheduledAt.slice(0, 10);
    await step.sendEvent(
      "fan-out",
      tenants.map((tenantId) => ({ id: `search-stats:${tenantId}:${day}`, name: CUSTOMER_SEARCH_STATS_REQUESTED, tenantId, data: {} })),
    );
    return { tenants: tenants.length };
  },
});

/** One ISP's common search trigrams, recounted (nightly, and after a large CSV import). */
export const customerSearchStats = defineJob({
  id: "customers.search-stats",
  name: "Customer search statistics",
  scope: "tenant",
  payload: z.object({ tenantId: z.uuid() }),
  events: [CUSTOMER_SEARCH_STATS_REQUESTED],
  retries: 3,
  concurrencyKey: "tenantId",
  handler: async ({ payload, step }) => step.run("count", () => refreshCustomerSearchStats(payload.tenantId)),
});

const IMPORT_RETRIES = 5;

/** A checked CSV file's customers, created in batches (see import-customers.ts); resumes after a crash. */
export const customerImport = defineJob({
  id: "customers.import",
  name: "Customer import",
  scope: "tenant",
  payload: z.object({ tenantId: z.uuid(), importId: z.uuid() }),
  events: [CUSTOMER_IMPORT_REQUESTED],
  retries: IMPORT_RETRIES,
  timeoutSeconds: 15 * 60,
  concurrencyKey: "importId",
  handler: async ({ payload, step, attempt }) => {
    try {
      return await runCustomerImport(payload.tenantId, payload.importId, step);
    } catch (error) {
      if (isNonRetriable(error) || attempt > IMPORT_RETRIES) await markImportFailed(payload.tenantId, payload.importId, toAppError(error).userMessage);
      throw error;
    }
  },
});
