// The nightly proof that the books hold (docs/ledger.md, "Reconciliation"): a platform cron fans
// out one run per ISP, so one ISP's failure (or a huge book) never stops or delays the others, and
// each run is visible to its ISP at /admin/jobs. "Run now" on the ledger page sends the same event
// for one ISP.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { allTenantIds } from "@/lib/tenants/all-tenant-ids";
import { LEDGER_RECONCILE_REQUESTED } from "./reconcile-events";
import { runTenantReconciliation } from "./run-reconciliation";

/** Nightly at 02:30 UTC: asks one reconciliation per ISP. */
export const ledgerReconcileFanOut = defineJob({
  id: "ledger.reconcile.fan-out",
  name: "Ledger reconciliation: every ISP",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "30 2 * * *" },
  retries: 3,
  handler: async ({ payload, step }) => {
    const tenants = await step.run("find-tenants", () => allTenantIds());
    const day = payload.scheduledAt.slice(0, 10);
    await step.sendEvent(
      "fan-out",
      tenants.map((tenantId) => ({ id: `ledger-reconcile:${tenantId}:${day}`, name: LEDGER_RECONCILE_REQUESTED, tenantId, data: {} })),
    );
    return { tenants: tenants.length };
  },
});

/** One ISP's ledger reconciled and the result recorded (a discrepancy is logged and audited). */
export const ledgerReconcile = defineJob({
  id: "ledger.reconcile",
  name: "Ledger reconciliation",
  scope: "tenant",
  payload: z.object({ tenantId: z.uuid() }),
  events: [LEDGER_RECONCILE_REQUESTED],
  retries: 3,
  timeoutSeconds: 30 * 60,
  concurrencyKey: "tenantId",
  handler: async ({ payload, step }) => step.run("reconcile", () => runTenantReconciliation(payload.tenantId)),
});
