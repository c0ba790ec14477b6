// Card generation (docs/vouchers.md): one run per batch, one step per chunk of 5,000 cards (each
// its own transaction, skipped when already made), the batch's progress bar fed after each.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { withTenant } from "@/lib/db";
import { CHUNK, chunksOf, finishBatch, generateChunk, VOUCHER_BATCH_REQUESTED } from "./batches";
import { expireCards, settleHotspotCards, tenantsWithVoucherWork } from "./lifecycle";

export const generateVouchersJob = defineJob({
  id: "vouchers.generate",
  name: "Voucher generation",
  scope: "tenant",
  payload: z.object({ tenantId: z.uuid(), batchId: z.uuid() }),
  events: [VOUCHER_BATCH_REQUESTED],
  retries: 5,
  timeoutSeconds: 30 * 60,
  handler: async ({ payload, step }) => {
    const quantity = await step.run("size", () => withTenant(payload.tenantId, async (tx) => (await tx.voucherBatch.findFirstOrThrow({ where: { id: payload.batchId, tenantId: payload.tenantId } })).quantity));
    const chunks = chunksOf(quantity);
    let made = 0;
    for (let k = 0; k < chunks; k++) {
      made += (await step.run(`chunk-${k}`, () => generateChunk(payload.tenantId, payload.batchId, k))).made;
      await step.progress(Math.min(quantity, (k + 1) * CHUNK), quantity);
    }
    return step.run("finish", () => finishBatch(payload.tenantId, payload.batchId)).then((r) => ({ ...r, made }));
  },
});

/** Every 5 minutes: unused cards past their expiry expire, hotspot-used cards leave the books. */
export const settleVouchersJob = defineJob({
  id: "vouchers.settle",
  name: "Voucher expiry and hotspot settlement",
  scope: "platform",
  payload: z.object({ scheduledAt: z.iso.datetime() }),
  cron: { expression: "*/5 * * * *" },
  retries: 3,
  handler: async ({ step }) => {
    const tenants = await step.run("find-tenants", () => tenantsWithVoucherWork());
    let expired = 0;
    let settled = 0;
    for (const tenantId of tenants) {
      const r = await step.run(`settle-${tenantId}`, async () => ({ expired: await expireCards(tenantId), settled: await settleHotspotCards(tenantId) }));
      expired += r.expired;
      settled += r.settled;
    }
    return { tenants: tenants.length, expired, settled };
  },
});
