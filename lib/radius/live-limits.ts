import { withTenant } from "@/lib/db";
import { fupGroup, packageGroup } from "./groups";
import type { LiveLimits } from "./send-coa";

const ATTRIBUTES = ["Mikrotik-Rate-Limit", "Mikrotik-Address-List"];

/**
 * The speed (and address-list, when its group sets one) a login of this customer gets right now,
 * read from the same rows FreeRADIUS answers from. null when a CoA cannot express the customer's
 * state: it is not ACTIVE in its package or fair-use group (suspended, expired, disabled, cut off)
 * or its expiry has passed. Such a session must log in again.
 */
export async function liveLimitsOf(tenantId: string, customerId: string, username: string, now = new Date()): Promise<LiveLimits | null> {
  return withTenant(tenantId, async (tx) => {
    const c = await tx.customer.findFirst({ where: { id: customerId, tenantId }, select: { status: true, packageId: true } });
    if (!c || c.status !== "ACTIVE" || !c.packageId) return null;
    const membership = await tx.radUserGroup.findMany({ where: { tenantId, username } });
    const group = membership[0]?.groupname;
    if (membership.length !== 1 || (group !== packageGroup(c.packageId) && group !== fupGroup(c.packageId))) return null;
    const expiry = await tx.radExpiry.findUnique({ where: { tenantId_username: { tenantId, username } } });
    if (expiry && expiry.expiresAt <= now) return null;
    // The user's own rows first, then the group's, like radius_reply: with ":=" the later wins.
    const [own, grouped] = await Promise.all([
      tx.radReply.findMany({ where: { tenantId, username, attribute: { in: ATTRIBUTES } }, orderBy: { id: "asc" } }),
      tx.radGroupReply.findMany({ where: { tenantId, groupname: group, attribute: { in: ATTRIBUTES } }, orderBy: { id: "asc" } }),
    ]);
    const values = new Map([...own, ...grouped].map((r) => [r.attribute, r.value]));
    const rateLimit = values.get("Mikrotik-Rate-Limit");
    return rateLimit ? { rateLimit, addressList: values.get("Mikrotik-Address-List") ?? null } : null;
  });
}
