// "Run now" on the ledger page: asks the ledger.reconcile job for the actor's ISP only, through
// the outbox like every trigger, so the run shows at /admin/jobs and records its result like the
// nightly one. Clicking twice in the same minute makes one run.
import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan } from "@/lib/auth/permissions";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { LEDGER_RECONCILE_REQUESTED } from "./reconcile-events";

export async function runLedgerReconciliation(actor: OperatorActor, now = new Date()): Promise<{ requested: true }> {
  assertCan(actor, "billing:view");
  // Starting background work is a jobs:manage right (owner, admin), as for re-running a run.
  assertCan(actor, "jobs:manage");
  const minute = now.toISOString().slice(0, 16);
  return withTenant(actor.tenantId, async (tx) => {
    await emitEvent(tx, { id: `ledger-reconcile:${actor.tenantId}:now:${minute}`, name: LEDGER_RECONCILE_REQUESTED, tenantId: actor.tenantId, data: {} });
    await recordAudit(tx, { actor, action: "ledger.reconcile.requested", targetType: "Tenant", targetId: actor.tenantId });
    return { requested: true as const };
  });
}
