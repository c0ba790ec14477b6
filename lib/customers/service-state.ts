// The one rule for "is this customer in service": FreeRADIUS (lib/radius/project-customer.ts, its
// group) and API-mode routers (lib/routers/provisioning/desired-state.ts, the secret, profile or
// address-list) both ask it, so a lock, a pause, an expiry or a data cap means the same thing on
// either path. Pure: no database, no clock.

/** What the customer gets: the package, its fair-use speed, only the payment portal, or nothing. */
export type Service = "on" | "fup" | "captive" | "off";
export type ServiceReason = "disabled" | "paused" | "suspended" | "locked" | "expired" | "no-package" | "package-archived" | "capped";
export type ServiceState = { service: Service; reason: ServiceReason | null };

export type ServiceCustomer = {
  status: string;
  expiresAt: Date | null;
  lockedAt: Date | null;
  packageId: string | null;
  dataCapReachedAt: Date | null;
};
export type ServicePackage = { status: string; dataCapAction: string | null };
export type SuspendMode = "REJECT" | "CAPTIVE";

/**
 * First reason wins: disabled (always off), then the reasons a customer is out of service (paused,
 * suspended, locked for non-payment, expired, no usable package), which give the portal when the
 * tenant lets lapsed customers in (CAPTIVE) and the customer has a package to pay for; then the
 * data cap (THROTTLE -> fair-use speed, CUT_OFF -> off).
 */
export function customerService(c: ServiceCustomer, pkg: ServicePackage | null, suspendMode: SuspendMode, now: Date): ServiceState {
  if (c.status === "DISABLED") return { service: "off", reason: "disabled" };
  const lapsed = lapsedReason(c, pkg, now);
  if (lapsed) return { service: suspendMode === "CAPTIVE" && c.packageId ? "captive" : "off", reason: lapsed };
  if (c.dataCapReachedAt) {
    if (pkg!.dataCapAction === "THROTTLE") return { service: "fup", reason: "capped" };
    if (pkg!.dataCapAction === "CUT_OFF") return { service: "off", reason: "capped" };
  }
  return { service: "on", reason: null };
}

function lapsedReason(c: ServiceCustomer, pkg: ServicePackage | null, now: Date): ServiceReason | null {
  if (c.status === "PAUSED") return "paused";
  if (c.status === "SUSPENDED") return "suspended";
  if (c.lockedAt) return "locked";
  if (c.status === "EXPIRED" || (c.expiresAt !== null && c.expiresAt <= now)) return "expired";
  if (!c.packageId) return "no-package";
  if (!pkg || pkg.status !== "ACTIVE") return "package-archived";
  return null;
}

/** Whether the customer may use its package (at full or fair-use speed). */
export const inService = (s: ServiceState) => s.service === "on" || s.service === "fup";
