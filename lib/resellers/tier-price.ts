// What a reseller or sub-reseller pays the ISP for one period of a package: its special price if
// it has one (special-prices.ts), else its tier's buy price, falling back to the tier above, then
// to the customer price. Staff buy nothing: null.
import type { OperatorRole } from "@/lib/db/generated/enums";

export interface TierPrices {
  priceMinor: bigint;
  resellerPriceMinor: bigint | null;
  subResellerPriceMinor: bigint | null;
}

export function tierBuyPrice(pkg: TierPrices, role: OperatorRole, special: bigint | null = null): bigint | null {
  if (role !== "RESELLER" && role !== "SUB_RESELLER") return null;
  if (special !== null) return special;
  if (role === "RESELLER") return pkg.resellerPriceMinor ?? pkg.priceMinor;
  if (role === "SUB_RESELLER") return pkg.subResellerPriceMinor ?? pkg.resellerPriceMinor ?? pkg.priceMinor;
  return null;
}

/** The customer price less the buy price: what the reseller keeps on each period it sells. */
export function tierMargin(pkg: TierPrices, role: OperatorRole, special: bigint | null = null): bigint | null {
  const cost = tierBuyPrice(pkg, role, special);
  return cost === null ? null : pkg.priceMinor - cost;
}
