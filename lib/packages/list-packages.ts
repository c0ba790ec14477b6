import type { Prisma } from "@/lib/db/generated/client";
import type { ConnectionType, PackageStatus } from "@/lib/db/generated/enums";
import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan, isStaff } from "@/lib/auth/permissions";
import { customerVisibility } from "@/lib/customers/customer-visibility";
import type { ListQuery, ListResult } from "@/lib/lists/list-query";
import { moneyToJson } from "@/lib/money/json";
import { ownSpecialPrices } from "@/lib/resellers/special-prices";
import { tierBuyPrice, tierMargin, type TierPrices } from "@/lib/resellers/tier-price";
import { formatRate } from "./speed";

export const PACKAGE_LIST_SPEC = {
  sortable: ["name", "price", "rateDown", "status", "createdAt"] as const,
  defaultSort: "name",
  defaultDir: "asc" as const,
  filters: {
    status: ["ACTIVE", "ARCHIVED"],
    connectionType: ["PPPOE", "HOTSPOT", "STATIC"],
  },
};

export type PackageRow = {
  id: string;
  name: string;
  /**
   * What customers pay, in minor units as a string (lib/money/json: rows go to the browser and to
   * exports, where a bigint does not survive JSON).
   */
  priceMinor: string;
  /** The tiers' buy prices as set on the package (staff only; null when unset or for resellers). */
  resellerPriceMinor: string | null;
  subResellerPriceMinor: string | null;
  /** What this reseller or sub-reseller pays for a period (lib/resellers/tier-price.ts), and what it keeps; null for staff. */
  costMinor: string | null;
  marginMinor: string | null;
  currency: string;
  validityValue: number;
  validityUnit: string;
  /** RouterOS style, e.g. "10M". */
  rateDown: string;
  rateUp: string;
  /** Gigabytes per validity period; null = unlimited. */
  dataCapGb: number | null;
  dataCapAction: string | null;
  connectionTypes: string[];
  resellerVisible: boolean;
  status: string;
  /** Customers on the package that this actor can see. */
  customerCount: number;
  createdAt: string;
};

/**
 * Which packages an operator may see: staff the whole catalogue, resellers only what is on sale to
 * them (active and reseller-visible), sub-resellers that less what their reseller took off their list.
 */
export function packageVisibility(actor: OperatorActor): Prisma.PackageWhereInput {
  if (isStaff(actor.role)) return { tenantId: actor.tenantId };
  const onSale: Prisma.PackageWhereInput = { tenantId: actor.tenantId, status: "ACTIVE", resellerVisible: true };
  // A sub-reseller sells what its reseller left on its list (docs/resellers.md).
  if (actor.role === "SUB_RESELLER") return { ...onSale, subResellerExclusions: { none: { operatorId: actor.id } } };
  return onSale;
}

/** Gigabytes from a byte count, without floating-point noise (1.5, not 1.5000000000000002). */
export function bytesToGb(bytes: bigint): number {
  return Number((Number(bytes) / 1e9).toFixed(3));
}

const SORT_FIELDS: Record<(typeof PACKAGE_LIST_SPEC.sortable)[number], keyof Prisma.PackageOrderByWithRelationInput> = {
  name: "name",
  price: "priceMinor",
  rateDown: "rateDownBps",
  status: "status",
  createdAt: "createdAt",
};

export async function listPackages(actor: OperatorActor, query: ListQuery): Promise<ListResult<PackageRow>> {
  assertCan(actor, "packages:view");
  const staff = isStaff(actor.role);
  const and: Prisma.PackageWhereInput[] = [packageVisibility(actor)];
  if (query.q) and.push({ name: { contains: query.q, mode: "insensitive" } });
  if (query.filters.status) and.push({ status: query.filters.status as PackageStatus });
  if (query.filters.connectionType) and.push({ connectionTypes: { has: query.filters.connectionType as ConnectionType } });
  const where = { AND: and };
  const sortKey = query.sort as keyof typeof SORT_FIELDS;
  const orderBy = [{ [SORT_FIELDS[sortKey] ?? "name"]: query.dir }, { id: "asc" as const }];

  return withTenant(actor.tenantId, async (tx) => {
    const [total, rows, specials] = await Promise.all([
      tx.package.count({ where }),
      tx.package.findMany({
        where,
        orderBy,
        skip: query.skip,
        take: query.take,
        select: {
          id: true,
          name: true,
          priceMinor: true,
          resellerPriceMinor: true,
          subResellerPriceMinor: true,
          currency: true,
          validityValue: true,
          validityUnit: true,
          rateDownBps: true,
          rateUpBps: true,
          dataCapBytes: true,
          dataCapAction: true,
          connectionTypes: true,
          resellerVisible: true,
          status: true,
          createdAt: true,
          _count: { select: { customers: { where: customerVisibility(actor) } } },
        },
      }),
      ownSpecialPrices(tx, actor),
    ]);
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id,
        name: r.name,
        priceMinor: moneyToJson(r.priceMinor),
        resellerPriceMinor: staff && r.resellerPriceMinor !== null ? moneyToJson(r.resellerPriceMinor) : null,
        subResellerPriceMinor: staff && r.subResellerPriceMinor !== null ? moneyToJson(r.subResellerPriceMinor) : null,
        ...costAndMargin(r, actor, specials.get(r.id) ?? null),
        currency: r.currency,
        validityValue: r.validityValue,
        validityUnit: r.validityUnit,
        rateDown: formatRate(r.rateDownBps),
        rateUp: formatRate(r.rateUpBps),
        dataCapGb: r.dataCapBytes === null ? null : bytesToGb(r.dataCapBytes),
        dataCapAction: r.dataCapAction,
        connectionTypes: [...r.connectionTypes],
        resellerVisible: r.resellerVisible,
        status: r.status,
        customerCount: r._count.customers,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  });
}

function costAndMargin(pkg: TierPrices, actor: OperatorActor, special: bigint | null): { costMinor: string | null; marginMinor: string | null } {
  const cost = tierBuyPrice(pkg, actor.role, special);
  const margin = tierMargin(pkg, actor.role, special);
  return { costMinor: cost === null ? null : moneyToJson(cost), marginMinor: margin === null ? null : moneyToJson(margin) };
}
