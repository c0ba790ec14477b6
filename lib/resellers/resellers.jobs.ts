// The commission job (docs/resellers.md, "Commissions"): every received payment's event asks it,
// once per payment; it posts the reseller chain's shares or finds nothing to share. Idempotent on
// the payment (ledger key commission:<payment id>, unique commissions rows), so a duplicate event,
// a retried step or a re-run posts nothing twice. Runs under both drivers from this definition.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { PAYMENT_RECEIVED } from "@/lib/billing/payments/receive-payment";
import { postCommission } from "./commissions";

export const postCommissionsJob = defineJob({
  id: "resellers.commissions",
  name: "Reseller commissions",
  scope: "tenant",
  payload: z.object({ tenantId: z.uuid(), paymentId: z.uuid() }),
  events: [PAYMENT_RECEIVED],
  retries: 10,
  handler: async ({ payload, step }) => step.run("post", () => postCommission(payload.tenantId, payload.paymentId)),
});
