// The choices behind the billing lists' filters: every package (archived ones too: old invoices
// name them), the resellers and sub-resellers, and the staff who can collect cash.
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db";

export type FilterChoice = { value: string; label: string };
export type BillingFilterChoices = { packages: FilterChoice[]; resellers: FilterChoice[]; collectors: FilterChoice[] };

export async function listBillingFilterChoices(actor: OperatorActor): Promise<BillingFilterChoices> {
  assertCan(actor, "billing:view");
  return withTenant(actor.tenantId, async (tx) => {
    const packages = await tx.package.findMany({ where: { tenantId: actor.tenantId }, select: { id: true, name: true, status: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
    const operators = await tx.operator.findMany({ where: { tenantId: actor.tenantId }, select: { id: true, name: true, role: true, path: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
    const sub = (path: string) => path.split("/").filter(Boolean).length > 1;
    return {
      packages: packages.map((p) => ({ value: p.id, label: p.status === "ACTIVE" ? p.name : `${p.name} (archived)` })),
      resellers: operators.filter((o) => o.role === "RESELLER" || o.role === "SUB_RESELLER").map((o) => ({ value: o.id, label: sub(o.path) ? `${o.name} (sub-reseller)` : o.name })),
      collectors: operators.filter((o) => o.role === "OWNER" || o.role === "ADMIN" || o.role === "MANAGER").map((o) => ({ value: o.id, label: o.name })),
    };
  });
}
