// Special prices per reseller against PostgreSQL: staff set them, a reseller sets them for its own
// sub-resellers (never below what it pays), each refusal named on its package's field, and the
// reseller's package list shows its cost and margin from them.
import { describe, expect, it } from "vitest";
import { toAppError } from "@/lib/errors";
import { listPackages, PACKAGE_LIST_SPEC } from "@/lib/packages/list-packages";
import { parseListQuery } from "@/lib/lists/list-query";
import { makeCast } from "@/lib/testing/authz";
import { makePackage } from "@/lib/testing/factories";
import { listSpecialPrices, setSpecialPrices } from "./special-prices";

async function shop() {
  const c = await makeCast();
  const home = await makePackage(c.owner, { name: "Home 10M", price: "2500", resellerPrice: "2200", subResellerPrice: "2350", resellerVisible: true });
  const staffOnly = await makePackage(c.owner, { price: "900" });
  return { c, home, staffOnly };
}

const fieldErrorsOf = (e: unknown) => toAppError(e).fieldErrors ?? {};
const costOf = async (actor: Parameters<typeof listPackages>[0], packageId: string) =>
  (await listPackages(actor, parseListQuery({ pageSize: "100" }, PACKAGE_LIST_SPEC))).rows.find((r) => r.id === packageId);

describe("special prices", () => {
  it("staff set a reseller's price; its list shows the cost and margin from it; empty goes back to the buy price", async () => {
    const { c, home, staffOnly } = await shop();
    const before = await listSpecialPrices(c.owner, c.reseller.id);
    // Only packages on sale to resellers are priced.
    expect(before.rows.map((r) => r.packageId)).toEqual([home.id]);
    expect(before.rows[0]).toMatchObject({ customerPriceMinor: "250000", tierPriceMinor: "220000", specialPriceMinor: null, floorMinor: "0" });
    expect(before.rows.find((r) => r.packageId === staffOnly.id)).toBeUndefined();

    const after = await setSpecialPrices(c.admin, c.reseller.id, { [home.id]: "2,000.50" });
    expect(after.rows[0]!.specialPriceMinor).toBe("200050");
    expect(await costOf(c.reseller, home.id)).toMatchObject({ priceMinor: "250000", costMinor: "200050", marginMinor: "49950" });
    // Its sub-reseller still pays its tier price.
    expect(await costOf(c.subReseller, home.id)).toMatchObject({ costMinor: "235000", marginMinor: "15000" });

    await setSpecialPrices(c.owner, c.reseller.id, { [home.id]: "" });
    expect(await costOf(c.reseller, home.id)).toMatchObject({ costMinor: "220000" });
  });

  it("each bad price is named on its package and nothing is saved", async () => {
    const { c, home } = await shop();
    const other = await makePackage(c.owner, { price: "1000", resellerVisible: true });
    const error = await setSpecialPrices(c.owner, c.reseller.id, { [home.id]: "2500.01", [other.id]: "twelve" }).catch((e: unknown) => e);
    expect(toAppError(error).code).toBe("VALIDATION");
    expect(fieldErrorsOf(error)[`price.${home.id}`]).toEqual(["At most the customer price, KES\u00a02,500.00."]);
    expect(fieldErrorsOf(error)[`price.${other.id}`]?.[0]).toMatch(/An amount like/);
    expect((await listSpecialPrices(c.owner, c.reseller.id)).rows.every((r) => r.specialPriceMinor === null)).toBe(true);
  });

  it("a reseller prices its own sub-resellers, never below what it pays itself", async () => {
    const { c, home } = await shop();
    await setSpecialPrices(c.owner, c.reseller.id, { [home.id]: "2000" });
    const rows = await listSpecialPrices(c.reseller, c.subReseller.id);
    expect(rows.rows[0]).toMatchObject({ tierPriceMinor: "235000", floorMinor: "200000" });
    const low = await setSpecialPrices(c.reseller, c.subReseller.id, { [home.id]: "1999.99" }).catch((e: unknown) => e);
    expect(fieldErrorsOf(low)[`price.${home.id}`]).toEqual(["At least KES\u00a02,000.00, what the reseller pays."]);
    await setSpecialPrices(c.reseller, c.subReseller.id, { [home.id]: "2100" });
    expect(await costOf(c.subReseller, home.id)).toMatchObject({ costMinor: "210000", marginMinor: "40000" });
  });
});
