import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";

/** The signed-in operator's own record, with the counts its profile page shows. */
export async function getOperatorProfile(actor: OperatorActor) {
  return withTenant(actor.tenantId, async (tx) => {
    const me = await tx.operator.findUniqueOrThrow({
      where: { id: actor.id },
      select: {
        name: true,
        email: true,
        role: true,
        commissionShareBp: true,
        billingMode: true,
        parent: { select: { name: true } },
        _count: { select: { customers: true, children: true } },
      },
    });
    return { ...me, parentName: me.parent?.name ?? null, customerCount: me._count.customers, childCount: me._count.children };
  });
}
