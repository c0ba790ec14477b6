import { describe, expect, it } from "vitest";
import { tierBuyPrice, tierMargin } from "./tier-price";

const pkg = (reseller: bigint | null, sub: bigint | null) => ({ priceMinor: 1000_00n, resellerPriceMinor: reseller, subResellerPriceMinor: sub });

describe("tierBuyPrice", () => {
  it("each tier pays its own price, else the tier above's, else the customer price; staff buy nothing", () => {
    expect(tierBuyPrice(pkg(800_00n, 900_00n), "RESELLER")).toBe(800_00n);
    expect(tierBuyPrice(pkg(800_00n, 900_00n), "SUB_RESELLER")).toBe(900_00n);
    expect(tierBuyPrice(pkg(800_00n, null), "SUB_RESELLER")).toBe(800_00n);
    expect(tierBuyPrice(pkg(null, null), "SUB_RESELLER")).toBe(1000_00n);
    expect(tierBuyPrice(pkg(null, null), "RESELLER")).toBe(1000_00n);
    for (const role of ["OWNER", "ADMIN", "MANAGER"] as const) expect(tierBuyPrice(pkg(800_00n, 900_00n), role)).toBeNull();
  });

  it("the margin is the customer price less the buy price, exactly", () => {
    expect(tierMargin(pkg(799_99n, 899_99n), "RESELLER")).toBe(200_01n);
    expect(tierMargin(pkg(799_99n, 899_99n), "SUB_RESELLER")).toBe(100_01n);
    expect(tierMargin(pkg(0n, null), "SUB_RESELLER")).toBe(1000_00n);
    expect(tierMargin(pkg(800_00n, null), "OWNER")).toBeNull();
  });
});
