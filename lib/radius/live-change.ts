// Which customer changes a live session must feel, and whether a CoA (new limits on the running
// session) can carry them or the session has to log in again.
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
};

/**
 * null when nothing a session feels changed. A CoA when the customer stays ACTIVE and only its
 * package (same connection type, same address pool) changed, or its fair-use throttle was lifted:
 * then only the speed differs. Anything else (status, addresses, MAC, password, expiry) needs a
 * new login, so a disconnect.
 */
export function liveChangeOf(before: Snapshot, after: Snapshot, facts: LiveChangeFacts): { mode: LiveChangeMode; reason: string } | null {
  const changed: string[] = LIVE_FIELDS.filter((f) => before[f] !== after[f]);
  const reasons = [...changed, ...(facts.passwordChanged ? ["password"] : []), ...(facts.lapsedNow ? ["expiresAt"] : [])];
  const capLifted = before.dataCapReachedAt !== null && after.dataCapReachedAt === null;
  if (!reasons.length && !capLifted) return null;
  const speedOnly =
    after.status === "ACTIVE" && after.packageId !== null && reasons.every((r) => r === "packageId") && (!changed.includes("packageId") || facts.samePool);
  return { mode: speedOnly ? "coa" : "disconnect", reason: [...reasons, ...(capLifted ? ["data cap reset"] : [])].join(",") };
}
