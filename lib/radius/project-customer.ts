// The customer's rows in FreeRADIUS, derived from the customer and written in the caller's
// transaction: its password and MAC lock (radcheck), static address (radreply), the group that
// gives it its service (radusergroup) and when access ends (radexpiry).
import type { Tx } from "@/lib/db";
import { open } from "@/lib/crypto/secret-box";
import { captiveGroup, fupGroup, packageGroup, rejectGroup } from "./groups";
import { customerService, inService, type ServiceCustomer, type ServicePackage, type ServiceState, type SuspendMode } from "@/lib/customers/service-state";
import { radiusSettingsOf } from "./tenant-radius-settings";

export type ProjectCustomerOptions = {
  /** Usernames the customer had before this change (an old MAC login), to clear. */
  previousUsernames?: string[];
  now?: Date;
};

/** The group that gives the customer its service (the rule itself is lib/customers/service-state.ts). */
export function groupOf(state: ServiceState, packageId: string | null, tenantId: string): string {
  if (state.service === "on") return packageGroup(packageId!);
  if (state.service === "fup") return fupGroup(packageId!);
  if (state.service === "captive") return captiveGroup(tenantId);
  return rejectGroup(tenantId);
}

/** Which group a customer is in: its package (or fair-use) while it may use it; otherwise reject or captive. */
export function customerGroup(c: ServiceCustomer, pkg: ServicePackage | null, tenantId: string, suspendMode: SuspendMode, now: Date): string {
  return groupOf(customerService(c, pkg, suspendMode, now), c.packageId, tenantId);
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
  const state = customerService(c, c.package, settings.suspendMode, now);
  const group = groupOf(state, c.packageId, tenantId);
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
    if (c.expiresAt && inService(state)) {
      const lapsedGroup = settings.suspendMode === "CAPTIVE" ? captiveGroup(tenantId) : rejectGroup(tenantId);
      await tx.radExpiry.create({ data: { tenantId, username: login.username, expiresAt: c.expiresAt, lapsedGroup } });
    }
  }
}
