import { isUuid, withTenant, type Tx } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { emitEvents } from "@/lib/jobs/outbox/emit-event";
import { CUSTOMER_NETWORK_CHANGED, type CustomerNetworkChangedData } from "@/lib/radius/events";
import { projectPackage } from "@/lib/radius/project-package";
import { applyCustomerChanges } from "@/lib/customers/customer-changed";
import { requestRouterSyncForPackage } from "@/lib/routers/provisioning/request-router-sync";
import { packageSchemaFor, type PackageInput } from "./packages.schema";

/** What an online session on the package feels at once (a CoA); the rest applies at the next login. */
const LIVE_SPEED_FIELDS = ["rateDownBps", "rateUpBps", "burstDownBps", "burstUpBps", "burstThresholdDownBps", "burstThresholdUpBps", "burstTimeSeconds", "fupDownBps", "fupUpBps"] as const;

/**
 * A package's speed changed: each active customer on it with an open session gets a CoA (through
 * the live session job, which falls back to a disconnect when the router refuses it). Offline
 * customers get the new speed at their next login from the FreeRADIUS tables already rewritten.
 */
async function updateOnlineSessions(tx: Tx, tenantId: string, packageId: string): Promise<number> {
  const online = await tx.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM customers c
     WHERE c.package_id = ${packageId}::uuid AND c.status = 'ACTIVE'
       AND EXISTS (SELECT 1 FROM radacct r
                    WHERE r.tenant_id = c.tenant_id AND r.acctstoptime IS NULL
                      AND r.username IN (c.username, c.mac_address))`;
  const data = (customerId: string): CustomerNetworkChangedData => ({ customerId, reason: "package speed", mode: "coa" });
  await emitEvents(tx, online.map((c) => ({ name: CUSTOMER_NETWORK_CHANGED, tenantId, data: data(c.id) })));
  return online.length;
}

/** Creates a package, or updates it (id given); its FreeRADIUS groups change in the same transaction. */
export async function savePackage(actor: OperatorActor, input: PackageInput & { id?: string }) {
  assertCan(actor, "packages:manage");
  if (input.id !== undefined && !isUuid(input.id)) throw new AppError("NOT_FOUND", { userMessage: "Package not found." });
  return withTenant(actor.tenantId, async (tx) => {
    // Prices are typed in the tenant's currency, so its exponent decides what "12.50" means.
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true } });
    const p = packageSchemaFor(tenant.currency).parse(input);
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
      subResellerPriceMinor: p.subResellerPrice,
      billingMode: p.billingMode ?? null,
    };
    const before = input.id ? await tx.package.findFirst({ where: { id: input.id, tenantId: actor.tenantId } }) : null;
    if (input.id && !before) throw new AppError("NOT_FOUND", { userMessage: "Package not found." });
    const pkg = before
      ? await tx.package.update({ where: { id: before.id }, data })
      : await tx.package.create({ data: { tenantId: actor.tenantId, ...data } });
    await projectPackage(tx, pkg);
    if (before) await requestRouterSyncForPackage(tx, actor.tenantId, pkg.id, "package changed");
    if (before && LIVE_SPEED_FIELDS.some((f) => before[f] !== pkg[f])) await updateOnlineSessions(tx, actor.tenantId, pkg.id);
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
    const customers = await tx.customer.findMany({ where: { tenantId: actor.tenantId, packageId: id } });
    await applyCustomerChanges(tx, customers.map((c) => ({ tenantId: actor.tenantId, before: c, after: c, reason: "package archived" })));
    await requestRouterSyncForPackage(tx, actor.tenantId, id, "package archived");
    await recordAudit(tx, { actor, action: "package.archive", targetType: "Package", targetId: id, before, after: pkg });
    return pkg;
  });
}
