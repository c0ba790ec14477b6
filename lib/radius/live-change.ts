// Which customer changes a live session must feel, and whether a CoA (new limits on the running
// session) can carry them or the session has to log in again.
import { inService, type ServiceState } from "@/lib/customers/service-state";
import type { LiveChangeMode } from "./events";

/** Fields whose change must reach live sessions. */
export const LIVE_FIELDS = ["status", "packageId", "connectionType", "staticIp", "macAddress", "macLock"] as const;

type Snapshot = {
  status: string;
  packageId: string | null;
  connectionType: string;
  staticIp: string | null;
  macAddress: string | null;
  macLock: boolean;
  dataCapReachedAt: Date | null;
};

export type LiveChangeFacts = {
  passwordChanged: boolean;
  /** The new expiry is already past while the old one was not. */
  lapsedNow: boolean;
  /** Old and new package hand out addresses from the same pool (a CoA cannot renumber a session). */
  samePool: boolean;
  /**
   * The service (lib/customers/service-state.ts) before and after, both judged now: a lock, an
   * unlock, a pause or a data cap changes it without any field above changing.
   */
  service?: { before: ServiceState; after: ServiceState };
};

/**
 * null when nothing a session feels changed. A CoA when the customer stays in service and only its
 * speed changed: its package (same connection type, same address pool), or its fair-use throttle
 * set or lifted. Anything else (status, lock, addresses, MAC, password, expiry) needs a new login,
 * so a disconnect: the next login lands in the group the new state gives (package, captive or reject).
 */
export function liveChangeOf(before: Snapshot, after: Snapshot, facts: LiveChangeFacts): { mode: LiveChangeMode; reason: string } | null {
  const changed: string[] = LIVE_FIELDS.filter((f) => before[f] !== after[f]);
  const reasons = [...changed, ...(facts.passwordChanged ? ["password"] : []), ...(facts.lapsedNow ? ["expiresAt"] : [])];
  const capLifted = before.dataCapReachedAt !== null && after.dataCapReachedAt === null;
  const service = facts.service;
  const serviceMoved = service !== undefined && service.before.service !== service.after.service;
  // on <-> fup: both in service, only the speed differs.
  const speedMove = serviceMoved && inService(service.before) && inService(service.after);
  const capSet = before.dataCapReachedAt === null && after.dataCapReachedAt !== null;
  // Said only when no field says it: "locked", "no longer locked", "data cap".
  const serviceReason =
    serviceMoved && !reasons.length && !capLifted ? [capSet && service.after.reason === "capped" ? "data cap" : (service.after.reason ?? `no longer ${service.before.reason}`)] : [];
  if (!reasons.length && !capLifted && !serviceMoved) return null;
  const speedOnly =
    after.status === "ACTIVE" &&
    after.packageId !== null &&
    (!serviceMoved || speedMove) &&
    (service === undefined || inService(service.after)) &&
    reasons.every((r) => r === "packageId") &&
    (!changed.includes("packageId") || facts.samePool);
  return { mode: speedOnly ? "coa" : "disconnect", reason: [...reasons, ...serviceReason, ...(capLifted ? ["data cap reset"] : [])].join(",") };
}