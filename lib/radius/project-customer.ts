// The customer's rows in FreeRADIUS, derived from the customer and written in the caller's
// transaction: its password and MAC lock (radcheck), static address (radreply), the group that
// gives it its service (radusergroup) and when access ends (radexpiry).
import type { Tx } from "@/lib/db";
import { open } from "@/lib/crypto/secret-box";
import { captiveGroup, fupGroup, packageGroup, rejectGroup } from "./groups";
import { radiusSettingsOf } from "./tenant-radius-settings";

export type ProjectCustomerOptions = {
  /** Usernames the customer had before this change (an old MAC login), to clear. */
  previousUsernames?: string[];
  now?: Date;
};

type Projected = {
  status: string;
  connectionType: string;
  packageId: string | null;
  packageActive: boolean;
  expiresAt: Date | null;
  /** What the package does once its data cap is reached, if it has been in this period. */
  capped?: "THROTTLE" | "CUT_OFF" | null;
};

/** Which group a customer is in: its package while it may use it; otherwise reject or captive. */
export function customerGroup(c: Projected, tenantId: string, suspendMode: "REJECT" | "CAPTIVE", now: Date): string {
  if (c.status === "DISABLED") return rejectGroup(tenantId);
  const lapsed = c.status === "SUSPENDED" || c.status === "EXPIRED" || (c.expiresAt !== null && c.expiresAt <= now);
  if (!lapsed && c.packageId && c.packageActive) {
    if (c.capped === "THROTTLE") return fupGroup(c.packageId);
    if (c.capped === "CUT_OFF") return rejectGroup(tenantId);
    return packageGroup(c.packageId);
  }
  return suspendMode === "CAPTIVE" && c.packageId ? captiveGroup(tenantId) : rejectGroup(tenantId);
}

export async function projectCustomer(tx: Tx, customerId: string, options: ProjectCustomerOptions = {}): Promise<void> {
  const c = await tx.customer.findUniqueOrThrow({
    where: { id: customerId },
    include: { package: { select: { status: true, dataCapAction: true, fupDownBps: true } }, tenant: { select: { settings: true } } },
  });
  const { tenantId } = c;
  const now = options.now ?? new Date();
  const macLogin = c.connectionType === "HOTSPOT" && c.macAddress ? c.macAddress : null;
  const usernames = [...new Set([c.username, ...(options.previousUsernames ?? []), ...(macLogin ? [macLogin] : [])])];
  const where = { tenantId, username: { in: usernames } };
  await Promise.all([
    tx.radCheck.deleteMany({ where }),
    tx.radReply.deleteMany({ where }),
    tx.radUserGroup.deleteMany({ where }),
    tx.radExpiry.deleteMany({ where }),
  ]);
  // Static customers are served by the router (ARP, queues, address-lists), not by RADIUS logins.
  if (c.connectionType === "STATIC" || !c.networkPasswordEnc) return;

  const settings = radiusSettingsOf(c.tenant.settings);
  const group = customerGroup(
    {
      status: c.status,
      connectionType: c.connectionType,
      packageId: c.packageId,
      packageActive: c.package?.status === "ACTIVE",
      expiresAt: c.expiresAt,
      capped: c.dataCapReachedAt ? (c.package?.dataCapAction ?? null) : null,
    },
    tenantId,
    settings.suspendMode,
    now,
  );
  const logins: { username: string; password: string }[] = [{ username: c.username, password: open(c.networkPasswordEnc) }];
  if (macLogin) logins.push({ username: macLogin, password: macLogin });

  for (const login of logins) {
    await tx.radCheck.createMany({
      data: [
        { tenantId, username: login.username, attribute: "Cleartext-Password", op: ":=", value: login.password },
        ...(c.macLock && c.macAddress ? [{ tenantId, username: login.username, attribute: "Calling-Station-Id", op: "==", value: c.macAddress }] : []),
      ],
    });
    if (c.staticIp) await tx.radReply.create({ data: { tenantId, username: login.username, attribute: "Framed-IP-Address", op: ":=", value: c.staticIp } });
    await tx.radUserGroup.create({ data: { tenantId, username: login.username, groupname: group, priority: 1 } });
    if (c.expiresAt && (group === packageGroup(c.packageId ?? "") || group === fupGroup(c.packageId ?? ""))) {
      const lapsedGroup = settings.suspendMode === "CAPTIVE" ? captiveGroup(tenantId) : rejectGroup(tenantId);
      await tx.radExpiry.create({ data: { tenantId, username: login.username, expiresAt: c.expiresAt, lapsedGroup } });
    }
  }
}
