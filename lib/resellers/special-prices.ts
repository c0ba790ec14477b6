// Special prices: what one reseller or sub-reseller pays for a package instead of its tier's price
// (docs/resellers.md). The ISP's staff set them for any reseller or sub-reseller; a reseller sets
// them for its own sub-resellers, never below what it pays itself (its margin on their sales).
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { isStaff } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db";
import type { OperatorRole } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/money/format-money";
import { moneyToJson } from "@/lib/money/json";
import { tryParseAmount } from "@/lib/money/parse-amount";
import { assertMayManageResellers, resellerTarget } from "./reseller-target";
import { tierBuyPrice } from "./tier-price";

export interface SpecialPriceRow {
  packageId: string;
  packageName: string;
  currency: string;
  /** Minor units as strings (they reach client components). */
  customerPriceMinor: string;
  tierPriceMinor: string;
  specialPriceMinor: string | null;
  /** The least it may be set to: 0, or for a sub-reseller what its reseller pays. */
  floorMinor: string;
}

export interface SpecialPrices {
  operator: { id: string; name: string; role: OperatorRole };
  rows: SpecialPriceRow[];
}

/** The packages on sale to resellers, each with the operator's tier price, special price and floor. */
async function priceRows(tx: Tx, tenantId: string, op: { id: string; role: OperatorRole; parentId: string | null }) {
  const packages = await tx.package.findMany({
    where: { tenantId, status: "ACTIVE", resellerVisible: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, currency: true, priceMinor: true, resellerPriceMinor: true, subResellerPriceMinor: true },
  });
  const owners = op.role === "SUB_RESELLER" && op.parentId ? [op.id, op.parentId] : [op.id];
  const specials = await tx.resellerPackagePrice.findMany({ where: { tenantId, operatorId: { in: owners } }, select: { operatorId: true, packageId: true, priceMinor: true } });
  const special = (operatorId: string, packageId: string) => specials.find((s) => s.operatorId === operatorId && s.packageId === packageId)?.priceMinor ?? null;
  return packages.map((p) => {
    const tier = tierBuyPrice(p, op.role)!;
    // A sub-reseller's floor is what its reseller pays for the package.
    const floor = op.role === "SUB_RESELLER" && op.parentId ? (special(op.parentId, p.id) ?? tierBuyPrice(p, "RESELLER")!) : 0n;
    return { pkg: p, tier, special: special(op.id, p.id), floor };
  });
}

export async function listSpecialPrices(actor: OperatorActor, operatorId: string): Promise<SpecialPrices> {
  assertMayManageResellers(actor);
  return withTenant(actor.tenantId, async (tx) => {
    const op = await resellerTarget(tx, actor, operatorId, ["RESELLER", "SUB_RESELLER"]);
    const rows = await priceRows(tx, actor.tenantId, op);
    return {
      operator: { id: op.id, name: op.name, role: op.role },
      rows: rows.map((r) => ({
        packageId: r.pkg.id,
        packageName: r.pkg.name,
        currency: r.pkg.currency,
        customerPriceMinor: moneyToJson(r.pkg.priceMinor),
        tierPriceMinor: moneyToJson(r.tier),
        specialPriceMinor: r.special === null ? null : moneyToJson(r.special),
        floorMinor: moneyToJson(r.floor),
      })),
    };
  });
}

/**
 * Sets the operator's special prices from the form: `prices[packageId]` is an amount typed in the
 * tenant's currency, or "" to go back to the tier price. Every price is checked before any is
 * saved (at most the customer price, at least the floor); errors come back per package field.
 */
export async function setSpecialPrices(actor: OperatorActor, operatorId: string, prices: Record<string, string>): Promise<SpecialPrices> {
  assertMayManageResellers(actor);
  await withTenant(actor.tenantId, async (tx) => {
    const op = await resellerTarget(tx, actor, operatorId, ["RESELLER", "SUB_RESELLER"]);
    const rows = await priceRows(tx, actor.tenantId, op);
    const fieldErrors: Record<string, string[]> = {};
    const wanted = new Map<string, bigint | null>();
    for (const r of rows) {
      const typed = prices[r.pkg.id];
      if (typed === undefined) continue;
      if (typed.trim() === "") {
        wanted.set(r.pkg.id, null);
        continue;
      }
      const parsed = tryParseAmount(typed, r.pkg.currency);
      const field = `price.${r.pkg.id}`;
      if (!parsed.ok) fieldErrors[field] = [parsed.message];
      else if (parsed.minor > r.pkg.priceMinor) fieldErrors[field] = [`At most the customer price, ${formatMoney(r.pkg.priceMinor, r.pkg.currency)}.`];
      else if (parsed.minor < r.floor) fieldErrors[field] = [`At least ${formatMoney(r.floor, r.pkg.currency)}, what the reseller pays.`];
      else wanted.set(r.pkg.id, parsed.minor);
    }
    if (Object.keys(fieldErrors).length) throw new AppError("VALIDATION", { userMessage: "Some prices need fixing.", fieldErrors });
    const before: Record<string, string | null> = {};
    const after: Record<string, string | null> = {};
    for (const r of rows) {
      if (!wanted.has(r.pkg.id)) continue;
      const next = wanted.get(r.pkg.id)!;
      if (next === r.special) continue;
      before[r.pkg.name] = r.special === null ? null : r.special.toString();
      after[r.pkg.name] = next === null ? null : next.toString();
      if (next === null) {
        await tx.resellerPackagePrice.deleteMany({ where: { tenantId: actor.tenantId, operatorId: op.id, packageId: r.pkg.id } });
      } else {
        await tx.resellerPackagePrice.upsert({
          where: { operatorId_packageId: { operatorId: op.id, packageId: r.pkg.id } },
          create: { tenantId: actor.tenantId, operatorId: op.id, packageId: r.pkg.id, priceMinor: next, setById: actor.id },
          update: { priceMinor: next, setById: actor.id },
        });
      }
    }
    if (Object.keys(after).length) {
      await recordAudit(tx, { actor, action: "operator.special-prices", targetType: "Operator", targetId: op.id, before, after });
    }
  });
  return listSpecialPrices(actor, operatorId);
}

/** This reseller's special prices by package (for its own lists). */
export async function ownSpecialPrices(tx: Tx, actor: OperatorActor): Promise<Map<string, bigint>> {
  if (isStaff(actor.role)) return new Map();
  const rows = await tx.resellerPackagePrice.findMany({ where: { tenantId: actor.tenantId, operatorId: actor.id }, select: { packageId: true, priceMinor: true } });
  return new Map(rows.map((r) => [r.packageId, r.priceMinor]));
}
