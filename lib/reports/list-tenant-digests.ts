import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";

export type DigestPoint = { day: string; ACTIVE: number; SUSPENDED: number; EXPIRED: number; DISABLED: number; newCustomers: number; auditEntries: number };

/** The tenant's daily snapshots, oldest first, for the dashboard's trends. */
export async function listTenantDigests(actor: OperatorActor, days = 30): Promise<DigestPoint[]> {
  assertCan(actor, "dashboard:view");
  const rows = await withTenant(actor.tenantId, (tx) =>
    tx.tenantDigest.findMany({ where: { tenantId: actor.tenantId }, orderBy: { day: "desc" }, take: days }),
  );
  return rows.reverse().map((r) => {
    const s = r.customersByStatus as Record<string, number>;
    return {
      day: r.day.toISOString().slice(0, 10),
      ACTIVE: s.ACTIVE ?? 0,
      SUSPENDED: s.SUSPENDED ?? 0,
      EXPIRED: s.EXPIRED ?? 0,
      DISABLED: s.DISABLED ?? 0,
      newCustomers: r.newCustomers,
      auditEntries: r.auditEntries,
    };
  });
}
