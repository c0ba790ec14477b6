import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { projectPackage } from "@/lib/radius/project-package";
import { projectCustomer } from "@/lib/radius/project-customer";
import { requestRouterSyncForPackage } from "@/lib/routers/provisioning/request-router-sync";
import { packageSchema, type PackageInput } from "./packages.schema";

/** Creates a package, or updates it (id given); its FreeRADIUS groups change in the same transaction. */
export async function savePackage(actor: OperatorActor, input: PackageInput & { id?: string }) {
  assertCan(actor, "packages:manage");
  const p = packageSchema.parse(input);
  if (input.id !== undefined && !isUuid(input.id)) throw new AppError("NOT_FOUND", { userMessage: "Package not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true } });
    const data = {
      name: p.name,
      priceMinor: p.price,
      currency: tenant.currency,
      validityValue: p.validityValue,
      validityUnit: p.validityUnit,
      rateDownBps: p.rateDown,
      rateUpBps: p.rateUp,
      burstDownBps: p.burstDown,
      burstUpBps: p.burstUp,
      burstThresholdDownBps: p.burstThresholdDown,
      burstThresholdUpBps: p.burstThresholdUp,
      burstTimeSeconds: p.burstTimeSeconds,
      dataCapBytes: p.dataCapGb === null ? null : BigInt(Math.round(p.dataCapGb * 1e9)),
      dataCapAction: p.dataCapGb === null ? null : (p.dataCapAction ?? null),
      fupDownBps: p.dataCapAction === "THROTTLE" ? p.fupDown : null,
      fupUpBps: p.dataCapAction === "THROTTLE" ? p.fupUp : null,
      sharedUsers: p.sharedUsers,
      connectionTypes: p.connectionTypes,
      ipPool: p.ipPool,
      resellerVisible: p.resellerVisible,
      resellerPriceMinor: p.resellerPrice,
    };
    const before = input.id ? await tx.package.findFirst({ where: { id: input.id, tenantId: actor.tenantId } }) : null;
    if (input.id && !before) throw new AppError("NOT_FOUND", { userMessage: "Package not found." });
    const pkg = before
      ? await tx.package.update({ where: { id: before.id }, data })
      : await tx.package.create({ data: { tenantId: actor.tenantId, ...data } });
    await projectPackage(tx, pkg);
    if (before) await requestRouterSyncForPackage(tx, actor.tenantId, pkg.id, "package changed");
    await recordAudit(tx, { actor, action: before ? "package.update" : "package.create", targetType: "Package", targetId: pkg.id, before, after: pkg });
    return pkg;
  });
}

/** Archives a package: no new customers; its customers' groups go with it (projected as unpaid). */
export async function archivePackage(actor: OperatorActor, id: string) {
  assertCan(actor, "packages:manage");
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Package not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const before = await tx.package.findFirst({ where: { id, tenantId: actor.tenantId } });
    if (!before) throw new AppError("NOT_FOUND", { userMessage: "Package not found." });
    const pkg = await tx.package.update({ where: { id }, data: { status: "ARCHIVED" } });
    await projectPackage(tx, pkg);
    const customers = await tx.customer.findMany({ where: { tenantId: actor.tenantId, packageId: id }, select: { id: true } });
    for (const c of customers) await projectCustomer(tx, c.id);
    await requestRouterSyncForPackage(tx, actor.tenantId, id, "package archived");
    await recordAudit(tx, { actor, action: "package.archive", targetType: "Package", targetId: id, before, after: pkg });
    return pkg;
  });
}
