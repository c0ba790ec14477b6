// The work behind each step of the setup job, callable without the job layer.
import { withTenant } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { applyRouterSetup } from "./apply-router-setup";
import { prepareRouterSetup, routerNotFound } from "./prepare-router-setup";
import type { RouterSetupRequestedData } from "./setup-events";
import { routerSetupOptionsSchema } from "./setup.schema";
import type { SetupStepId, SetupStepResult } from "./setup.types";

export type SetupRunPayload = RouterSetupRequestedData & { tenantId: string };

/** One step against the router as it is now: writes only what is missing or different. */
export async function applyRouterSetupStep(payload: SetupRunPayload, stepId: SetupStepId): Promise<SetupStepResult> {
  const setup = await prepareRouterSetup(payload.tenantId, payload.routerId, routerSetupOptionsSchema.parse({ pppoeInterface: payload.pppoeInterface }));
  if (setup.problems.length) throw new Error(`setup cannot run: ${setup.problems.join(" ")}`);
  const [result] = await applyRouterSetup(setup.api, setup.plan, { steps: [stepId] });
  return result!;
}

/** The end of a run: the router's setupAppliedAt and an audit entry with what changed. */
export async function finishRouterSetup(payload: SetupRunPayload, results: SetupStepResult[], at = new Date()): Promise<{ setupAppliedAt: string; added: number; changed: number }> {
  const added = results.reduce((n, r) => n + r.added, 0);
  const changed = results.reduce((n, r) => n + r.changed, 0);
  await withTenant(payload.tenantId, async (tx) => {
    const router = await tx.router.findFirst({ where: { id: payload.routerId, tenantId: payload.tenantId }, select: { id: true, setupAppliedAt: true } });
    if (!router) throw routerNotFound();
    await tx.router.update({ where: { id: router.id }, data: { setupAppliedAt: at } });
    await recordAudit(tx, {
      actor: { kind: "SYSTEM", tenantId: payload.tenantId, name: `Router setup (requested by ${payload.requestedBy || "an operator"})` },
      action: "router.setup_applied",
      targetType: "Router",
      targetId: router.id,
      before: { setupAppliedAt: router.setupAppliedAt },
      after: {
        setupAppliedAt: at,
        requestId: payload.requestId,
        added,
        changed,
        steps: results.map((r) => ({ step: r.id, added: r.added, changed: r.changed, unchanged: r.unchanged })),
      },
    });
  });
  return { setupAppliedAt: at.toISOString(), added, changed };
}
