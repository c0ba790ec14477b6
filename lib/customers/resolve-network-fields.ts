// Checks what a customer's network fields refer to (package, times, addresses) against the ISP.
import type { Tx } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { isStaff } from "@/lib/auth/permissions";
import { AppError, type FieldErrors } from "@/lib/errors";
import { parseLocalDateTime } from "@/lib/time/zoned-time";

type NetworkInput = {
  connectionType: "PPPOE" | "HOTSPOT" | "STATIC";
  packageId?: string;
  /** On an update, the package the customer has now: kept even if no longer on sale to this actor. */
  currentPackageId?: string | null;
  routerId?: string;
  expiresAt: string | null;
  staticIp: string | null;
  macAddress: string | null;
  macLock: boolean;
};

export async function resolveNetworkFields(tx: Tx, actor: OperatorActor, input: NetworkInput) {
  const errors: FieldErrors = {};
  let packageId: string | null = null;
  if (input.packageId) {
    const kept = input.packageId === input.currentPackageId;
    const pkg = await tx.package.findFirst({ where: { id: input.packageId, tenantId: actor.tenantId, ...(kept ? {} : { status: "ACTIVE" as const }) } });
    if (!pkg || (!kept && !isStaff(actor.role) && !pkg.resellerVisible)) errors.packageId = ["Choose one of your packages."];
    else if (!pkg.connectionTypes.includes(input.connectionType)) errors.packageId = ["This package is not sold for this connection type."];
    else packageId = pkg.id;
  }
  // Undefined: the form did not offer a router (resellers); keep what the customer has. Only
  // staff choose routers: a reseller sending one, or "" to take the customer off its router
  // (which drops it from an API-mode router), is refused.
  let routerId: string | null | undefined;
  if (input.routerId !== undefined) {
    routerId = null;
    if (!isStaff(actor.role)) errors.routerId = ["Only the ISP's staff choose the router."];
    else if (input.routerId) {
      const router = await tx.router.findFirst({ where: { id: input.routerId, tenantId: actor.tenantId, status: "ACTIVE" }, select: { id: true } });
      if (!router) errors.routerId = ["Choose one of the ISP's active routers."];
      else routerId = router.id;
    }
  }
  let expiresAt: Date | null = null;
  if (input.expiresAt) {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { timezone: true } });
    expiresAt = /[zZ]|[+-]\d{2}:\d{2}$/.test(input.expiresAt) ? new Date(input.expiresAt) : parseLocalDateTime(input.expiresAt, tenant.timezone);
    if (!expiresAt || Number.isNaN(expiresAt.getTime())) errors.expiresAt = ["A date and time."];
  }
  if (input.connectionType === "STATIC" && (!input.staticIp || !input.macAddress)) {
    if (!input.staticIp) errors.staticIp = ["A static customer needs its IP address."];
    if (!input.macAddress) errors.macAddress = ["A static customer needs its MAC address."];
  }
  if (input.macLock && !input.macAddress) errors.macAddress = ["Give the MAC address to lock to."];
  if (Object.keys(errors).length) throw new AppError("VALIDATION", { fieldErrors: errors });
  return {
    connectionType: input.connectionType,
    packageId,
    ...(routerId !== undefined ? { routerId } : {}),
    expiresAt,
    staticIp: input.staticIp,
    macAddress: input.macAddress,
    macLock: input.macLock,
  };
}
