import type { Prisma } from "@/lib/db/generated/client";
import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { applyCustomerChanges } from "@/lib/customers/customer-changed";
import { projectPackage } from "./project-package";
import { projectTenantGroups } from "./project-tenant-groups";
import { radiusSettingsOf, radiusSettingsSchema, type RadiusSettings } from "./tenant-radius-settings";

/**
 * Changes how FreeRADIUS treats unpaid customers (reject or captive) and the interim interval, and
 * re-projects everything that depends on it in the same transaction.
 */
export async function updateRadiusSettings(actor: OperatorActor, input: Partial<RadiusSettings>) {
  assertCan(actor, "settings:manage");
  return withTenant(actor.tenantId, async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId } });
    const before = radiusSettingsOf(tenant.settings);
    const after = radiusSettingsSchema.parse({ ...before, ...input });
    const settings = { ...((tenant.settings as Record<string, unknown>) ?? {}), radius: after } as Prisma.InputJsonValue;
    await tx.tenant.update({ where: { id: actor.tenantId }, data: { settings } });
    await projectTenantGroups(tx, actor.tenantId);
    if (after.interimIntervalSeconds !== before.interimIntervalSeconds) {
      for (const pkg of await tx.package.findMany({ where: { tenantId: actor.tenantId } })) await projectPackage(tx, pkg);
    }
    if (after.suspendMode !== before.suspendMode) {
      // Everyone whose group depends on the mode: the lapsed now, and the rest once they lapse.
      const lapsed = await tx.customer.findMany({
        where: { tenantId: actor.tenantId, OR: [{ status: { in: ["SUSPENDED", "EXPIRED", "PAUSED"] } }, { lockedAt: { not: null } }, { expiresAt: { not: null } }] },
      });
      await applyCustomerChanges(tx, lapsed.map((c) => ({ tenantId: actor.tenantId, before: c, after: c, reason: "suspend mode" })));
    }
    await recordAudit(tx, { actor, action: "tenant.radius_settings", targetType: "Tenant", targetId: actor.tenantId, before, after });
    return after;
  });
}
