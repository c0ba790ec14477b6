// Which packages a sub-reseller sells: every package on sale to resellers, less those its reseller
// (or the ISP's staff) unticked (docs/resellers.md). A customer already on an unticked package
// keeps it; the sub-reseller cannot put anyone new on it.
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUuid, withTenant, type Tx } from "@/lib/db";
import { moneyToJson } from "@/lib/money/json";
import { assertMayManageResellers, resellerTarget } from "./reseller-target";

export interface SubResellerPackageRow {
  packageId: string;
  packageName: string;
  currency: string;
  /** Minor units as a string (it reaches client components). */
  customerPriceMinor: string;
  sells: boolean;
}

async function rowsFor(tx: Tx, tenantId: string, operatorId: string) {
  const [packages, excluded] = await Promise.all([
    tx.package.findMany({ where: { tenantId, status: "ACTIVE", resellerVisible: true }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true, currency: true, priceMinor: true } }),
    tx.subResellerPackageExclusion.findMany({ where: { tenantId, operatorId }, select: { packageId: true } }),
  ]);
  const off = new Set(excluded.map((e) => e.packageId));
  return packages.map((p) => ({ pkg: p, sells: !off.has(p.id) }));
}

export async function listSubResellerPackages(actor: OperatorActor, operatorId: string): Promise<SubResellerPackageRow[]> {
  assertMayManageResellers(actor);
  return withTenant(actor.tenantId, async (tx) => {
    const op = await resellerTarget(tx, actor, operatorId, ["SUB_RESELLER"]);
    return (await rowsFor(tx, actor.tenantId, op.id)).map(({ pkg, sells }) => ({ packageId: pkg.id, packageName: pkg.name, currency: pkg.currency, customerPriceMinor: moneyToJson(pkg.priceMinor), sells }));
  });
}

/** Sets the list: `selling` are the package ids ticked; every other package on sale is taken off. */
export async function setSubResellerPackages(actor: OperatorActor, operatorId: string, selling: string[]): Promise<SubResellerPackageRow[]> {
  assertMayManageResellers(actor);
  const ticked = new Set(selling.filter(isUuid));
  await withTenant(actor.tenantId, async (tx) => {
    const op = await resellerTarget(tx, actor, operatorId, ["SUB_RESELLER"]);
    const rows = await rowsFor(tx, actor.tenantId, op.id);
    const added = rows.filter((r) => !r.sells && ticked.has(r.pkg.id));
    const removed = rows.filter((r) => r.sells && !ticked.has(r.pkg.id));
    if (!added.length && !removed.length) return;
    if (added.length) await tx.subResellerPackageExclusion.deleteMany({ where: { tenantId: actor.tenantId, operatorId: op.id, packageId: { in: added.map((r) => r.pkg.id) } } });
    if (removed.length) {
      await tx.subResellerPackageExclusion.createMany({ data: removed.map((r) => ({ tenantId: actor.tenantId, operatorId: op.id, packageId: r.pkg.id, setById: actor.id })), skipDuplicates: true });
    }
    await recordAudit(tx, {
      actor,
      action: "operator.packages",
      targetType: "Operator",
      targetId: op.id,
      after: { sells: added.map((r) => r.pkg.name), stopsSelling: removed.map((r) => r.pkg.name) },
    });
  });
  return listSubResellerPackages(actor, operatorId);
}
