// "Sync now" on the router page: a reconcile through the outbox, like any other trigger.
import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { requestRouterSync } from "./request-router-sync";

export async function requestSyncNow(actor: OperatorActor, routerId: string): Promise<void> {
  assertCan(actor, "routers:manage");
  if (!isUuid(routerId)) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
  await withTenant(actor.tenantId, async (tx) => {
    const router = await tx.router.findFirst({ where: { id: routerId, tenantId: actor.tenantId }, select: { mode: true, apiHost: true } });
    if (!router) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
    if (router.mode !== "API") throw new AppError("BAD_REQUEST", { userMessage: "This router is in RADIUS mode: there is nothing to push. Switch it to API mode first." });
    if (!router.apiHost) throw new AppError("BAD_REQUEST", { userMessage: "Save the router's API access first." });
    await requestRouterSync(tx, actor.tenantId, { routerIds: [routerId], reason: "manual" });
  });
}
