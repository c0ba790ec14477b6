// Checks what a customer's network fields refer to (package, times, addresses) against the ISP.
import type { Tx } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { isStaff } from "@/lib/auth/permissions";
import { AppError, type FieldErrors } from "@/lib/errors";
import { instantError, parseInstant } from "@/lib/time/zoned-time";

type NetworkInput = {
  connectionType: "PPPOE" | "HOTSPOT" | "STATIC";
  packageId?: string;
  /** On an update, the package the customer has now: kept even if no longer on sale to this actor. */
  currentPackageId?: string | null;
  routerId?: string;
  expiresAt: string | null;
  /** Whether the expiry was typed by the actor (an update that leaves it alone passes the stored one). */
  expiryTyped?: boolean;
  staticIp: string | null;
  macAddress: string | null;
  macLock: boolean;
};

/** What the rules need to know about the chosen package. */
export type PackageFacts = { id: string; connectionTypes: string[]; resellerVisible: boolean };

/**
 * The rules for a customer's network fields, without the lookups: the form (through
 * resolveNetworkFields) and the CSV import (which looks up once per file) apply exactly these.
 * `pkg` is the ACTIVE package of the ISP with input.packageId, or null when there is none; `kept`:
 * it is the customer's current package, kept even if no longer on sale (archived, hidden from resellers).
 */
export function checkNetworkFields(actor: Pick<OperatorActor, "role">, input: Omit<NetworkInput, "routerId">, facts: { timezone: string; pkg: PackageFacts | null; kept?: boolean }, errors: FieldErrors) {
  let packageId: string | null = null;
  if (input.packageId) {
    const pkg = facts.pkg;
    if (!pkg || (!facts.kept && !isStaff(actor.role) && !pkg.resellerVisible)) errors.packageId = ["Choose one of your packages."];
    else if (!pkg.connectionTypes.includes(input.connectionType)) errors.packageId = ["This package is not sold for this connection type."];
    else packageId = pkg.id;
  }
  let expiresAt: Date | null = null;
  if (input.expiresAt) {
    expiresAt = parseInstant(input.expiresAt, facts.timezone);
    if (!expiresAt) errors.expiresAt = [instantError(input.expiresAt)];
    // Resellers renew (billing charges them for it); only the ISP's staff set an expiry by hand.
    if ((input.expiryTyped ?? true) && !isStaff(actor.role)) errors.expiresAt = ["Resellers renew customers: the expiry follows the package."];
  }
  if (input.connectionType === "STATIC" && (!input.staticIp || !input.macAddress)) {
    if (!input.staticIp) errors.staticIp = ["A static customer needs its IP address."];
    if (!input.macAddress) errors.macAddress = ["A static customer needs its MAC address."];
  }
  if (input.macLock && !input.macAddress) errors.macAddress = ["Give the MAC address to lock to."];
  return { connectionType: input.connectionType, packageId, expiresAt, staticIp: input.staticIp, macAddress: input.macAddress, macLock: input.macLock };
}

export async function resolveNetworkFields(tx: Tx, actor: OperatorActor, input: NetworkInput) {
  const errors: FieldErrors = {};
  const kept = !!input.packageId && input.packageId === input.currentPackageId;
  const found = input.packageId ? await tx.package.findFirst({ where: { id: input.packageId, tenantId: actor.tenantId, ...(kept ? {} : { status: "ACTIVE" as const }) } }) : null;
  // For a sub-reseller, a package its reseller took off its list is not on sale either.
  const pkg = found && (await excludedFor(tx, actor)).has(found.id) ? { ...found, resellerVisible: false } : found;
  const timezone = input.expiresAt ? (await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { timezone: true } })).timezone : "UTC";
  const fields = checkNetworkFields(actor, input, { timezone, pkg, kept }, errors);
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
  if (Object.keys(errors).length) throw new AppError("VALIDATION", { fieldErrors: errors });
  return { ...fields, ...(routerId !== undefined ? { routerId } : {}) };
}

/** The packages a sub-reseller's reseller took off its list (empty for anyone else). */
export async function excludedFor(tx: Tx, actor: OperatorActor): Promise<Set<string>> {
  if (actor.role !== "SUB_RESELLER") return new Set();
  const rows = await tx.subResellerPackageExclusion.findMany({ where: { tenantId: actor.tenantId, operatorId: actor.id }, select: { packageId: true } });
  return new Set(rows.map((r) => r.packageId));
}
