import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { can } from "@/lib/auth/permissions";

/** The ISP's active routers for a customer's router select; none for operators who cannot see routers. */
export async function listRouterChoices(actor: OperatorActor): Promise<{ value: string; label: string }[]> {
  if (!can(actor, "routers:view")) return [];
  const rows = await withTenant(actor.tenantId, (tx) =>
    tx.router.findMany({ where: { tenantId: actor.tenantId, status: "ACTIVE" }, select: { id: true, name: true, mode: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
  );
  return rows.map((r) => ({ value: r.id, label: r.mode === "API" ? `${r.name} (API mode)` : r.name }));
}
