import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { isStaff } from "@/lib/auth/permissions";
import { ROLE_LABEL } from "./role-labels";

/** The operators a customer may be assigned to by this actor. */
export async function listOwnerChoices(actor: OperatorActor): Promise<{ value: string; label: string }[]> {
  if (actor.role === "SUB_RESELLER") return [];
  const rows = await withTenant(actor.tenantId, (tx) =>
    tx.operator.findMany({
      where: {
        tenantId: actor.tenantId,
        role: { in: ["RESELLER", "SUB_RESELLER"] },
        ...(isStaff(actor.role) ? {} : { path: { startsWith: actor.path } }),
      },
      select: { id: true, name: true, role: true },
      orderBy: [{ path: "asc" }],
    }),
  );
  return rows.map((r) => ({ value: r.id, label: `${r.name} (${ROLE_LABEL[r.role]})` }));
}
