import { withTenant } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { tenantProfileSchema, type TenantProfileInput } from "./tenants.schema";

export async function updateTenantProfile(actor: OperatorActor, input: TenantProfileInput) {
  assertCan(actor, "settings:manage");
  const data = tenantProfileSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId } });
    const after = await tx.tenant.update({ where: { id: actor.tenantId }, data });
    await recordAudit(tx, { actor, action: "tenant.update", targetType: "Tenant", targetId: after.id, before, after });
    return after;
  });
}
