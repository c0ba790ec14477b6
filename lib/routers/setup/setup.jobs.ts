// One-click setup as a job: one step per setup step (progress per step on /admin/jobs/<id>), one
// run per router at a time, retried with backoff while the router is unreachable; a router that
// refuses a value fails the run at once (RouterSetupError.retriable is false). Registered by
// the lead in lib/jobs/registry.ts.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { flushRouterLog } from "../router-access";
import { applyRouterSetupStep, finishRouterSetup } from "./run-setup-step";
import { ROUTER_SETUP_JOB_ID, ROUTER_SETUP_REQUESTED } from "./setup-events";
import { SETUP_STEP_IDS, type SetupStepResult } from "./setup.types";

export const routerSetupJob = defineJob({
  id: ROUTER_SETUP_JOB_ID,
  name: "Router setup",
  scope: "tenant",
  payload: z.object({
    tenantId: z.uuid(),
    routerId: z.uuid(),
    requestId: z.uuid(),
    requestedBy: z.string().default(""),
    pppoeInterface: z.string().optional(),
  }),
  events: [ROUTER_SETUP_REQUESTED],
  retries: 6,
  timeoutSeconds: 300,
  concurrencyKey: "routerId",
  handler: async ({ payload, step }) => {
    const total = SETUP_STEP_IDS.length + 1;
    const results: SetupStepResult[] = [];
    try {
      for (const id of SETUP_STEP_IDS) {
        results.push(await step.run(id, () => applyRouterSetupStep(payload, id)));
        await step.progress(results.length, total);
      }
      const finished = await step.run("finish", () => finishRouterSetup(payload, results));
      await step.progress(total, total);
      return finished;
    } finally {
      await flushRouterLog();
    }
  },
});
