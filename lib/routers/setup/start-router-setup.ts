// "Apply": records the request and hands it to the setup job through the outbox, in one
// transaction. The router is only touched by the job, step by step.
import { randomUUID } from "node:crypto";
import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { noApiAccess, routerNotFound } from "./prepare-router-setup";
import { routerSetupEnvironment } from "./setup-environment";
import { ROUTER_SETUP_REQUESTED, type RouterSetupRequestedData } from "./setup-events";
import { routerSetupOptionsSchema, type RouterSetupOptionsInput } from "./setup.schema";

export async function startRouterSetup(actor: OperatorActor, routerId: string, input: RouterSetupOptionsInput = {}): Promise<{ requestId: string }> {
  assertCan(actor, "routers:manage");
  if (!isUuid(routerId)) throw routerNotFound();
  const options = routerSetupOptionsSchema.parse(input);
  const { problems } = routerSetupEnvironment();
  if (problems.length) throw new AppError("BAD_REQUEST", { userMessage: `Setup cannot start: ${problems.join(" ")}` });
  const requestId = randomUUID();
  await withTenant(actor.tenantId, async (tx) => {
    const router = await tx.router.findFirst({ where: { id: routerId, tenantId: actor.tenantId }, select: { id: true, apiHost: true, apiUsername: true } });
    if (!router) throw routerNotFound();
    if (!router.apiHost || !router.apiUsername) throw noApiAccess();
    const data: RouterSetupRequestedData = { routerId, requestId, requestedBy: actor.name, ...(options.pppoeInterface ? { pppoeInterface: options.pppoeInterface } : {}) };
    await emitEvent(tx, { id: `router-setup:${requestId}`, name: ROUTER_SETUP_REQUESTED, tenantId: actor.tenantId, data });
    await recordAudit(tx, { actor, action: "router.setup_requested", targetType: "Router", targetId: routerId, after: { requestId, ...options } });
  });
  return { requestId };
}
