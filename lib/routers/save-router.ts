import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { seal } from "@/lib/crypto/secret-box";
import { projectRouter } from "@/lib/radius/project-router";
import { generateRadiusSecret } from "./radius-secret";
import { routerSchema, type RouterInput } from "./routers.schema";

function publicRouter<T extends { radiusSecretEnc: string; apiPasswordEnc: string | null }>(r: T) {
  const { radiusSecretEnc: _s, apiPasswordEnc: _p, ...rest } = r;
  return rest;
}

/**
 * Adds a router as a RADIUS client. The secret is generated here and returned this once; only its
 * sealed copy is kept (and the clear copy FreeRADIUS needs in `nas`). It works at once: FreeRADIUS
 * looks routers up by address, no restart.
 */
export async function createRouter(actor: OperatorActor, input: RouterInput, options: { secret?: string } = {}) {
  assertCan(actor, "routers:manage");
  const data = routerSchema.parse(input);
  const secret = options.secret ?? generateRadiusSecret();
  return withTenant(actor.tenantId, async (tx) => {
    const router = await tx.router.create({ data: { tenantId: actor.tenantId, ...data, radiusSecretEnc: seal(secret) } });
    await projectRouter(tx, router.id);
    await recordAudit(tx, { actor, action: "router.create", targetType: "Router", targetId: router.id, after: publicRouter(router) });
    return { router: publicRouter(router), secret };
  });
}

export async function updateRouter(actor: OperatorActor, id: string, input: RouterInput & { status?: "ACTIVE" | "DISABLED" }) {
  assertCan(actor, "routers:manage");
  const data = routerSchema.parse(input);
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const before = await tx.router.findFirst({ where: { id, tenantId: actor.tenantId } });
    if (!before) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
    // A claim on a new address is unproven until the router there answers (verify-router.ts).
    const moved = before.nasIp !== data.nasIp;
    const router = await tx.router.update({ where: { id }, data: { ...data, ...(moved ? { provenAt: null } : {}), ...(input.status ? { status: input.status } : {}) } });
    await projectRouter(tx, router.id);
    await recordAudit(tx, { actor, action: "router.update", targetType: "Router", targetId: id, before: publicRouter(before), after: publicRouter(router) });
    return publicRouter(router);
  });
}

/** A new secret, returned once. The router must be given it too (one-click setup does that later). */
export async function rotateRouterSecret(actor: OperatorActor, id: string) {
  assertCan(actor, "routers:manage");
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
  const secret = generateRadiusSecret();
  return withTenant(actor.tenantId, async (tx) => {
    const before = await tx.router.findFirst({ where: { id, tenantId: actor.tenantId } });
    if (!before) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
    await tx.router.update({ where: { id }, data: { radiusSecretEnc: seal(secret) } });
    await projectRouter(tx, id);
    await recordAudit(tx, { actor, action: "router.rotate_secret", targetType: "Router", targetId: id });
    return { secret };
  });
}
