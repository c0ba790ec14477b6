import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import type { ConnectionType } from "@/lib/db/generated/enums";
import { packageVisibility } from "./list-packages";
import { formatRate } from "./speed";

/**
 * The packages this operator may sell, for a customer's package select: active ones (resellers:
 * only those on sale to resellers), optionally only those offering the given connection type.
 */
export async function listPackageChoices(actor: OperatorActor, connectionType?: ConnectionType): Promise<{ value: string; label: string; /** Minor units as a string (it reaches client components). */ priceMinor: string; currency: string }[]> {
  assertCan(actor, "packages:view");
  const rows = await withTenant(actor.tenantId, (tx) =>
    tx.package.findMany({
      where: { AND: [packageVisibility(actor), { status: "ACTIVE" }, ...(connectionType ? [{ connectionTypes: { has: connectionType } }] : [])] },
      select: { id: true, name: true, priceMinor: true, currency: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  );
  return rows.map((r) => ({ value: r.id, label: r.name, priceMinor: r.priceMinor.toString(), currency: r.currency }));
}

/** The active packages' speeds, as presets for setting a customer's limit by hand. */
export async function listSpeedPresets(actor: OperatorActor): Promise<{ name: string; download: string; upload: string }[]> {
  assertCan(actor, "packages:view");
  const rows = await withTenant(actor.tenantId, (tx) =>
    tx.package.findMany({
      where: { AND: [packageVisibility(actor), { status: "ACTIVE" }] },
      select: { name: true, rateDownBps: true, rateUpBps: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  );
  return rows.map((r) => ({ name: r.name, download: formatRate(r.rateDownBps), upload: formatRate(r.rateUpBps) }));
}
