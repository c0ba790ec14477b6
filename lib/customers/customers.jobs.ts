import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { expireCustomers as expireDue } from "./expire-customers";

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
