// The catalogue wall: staff see every package, resellers only what is on sale to them, and ids
// of another ISP's packages are not found.
import { describe, expect, it } from "vitest";
import { archivePackage } from "@/lib/packages/save-package";
import { getPackageOrThrow } from "@/lib/packages/get-package";
import { listPackageChoices } from "@/lib/packages/list-package-choices";
import { listPackages, PACKAGE_LIST_SPEC } from "@/lib/packages/list-packages";
import { parseListQuery } from "@/lib/lists/list-query";
import { makeOperator, makePackage, makeTenant } from "@/lib/testing/factories";

const everything = parseListQuery({ pageSize: "100" }, PACKAGE_LIST_SPEC);

async function catalogue() {
  const t = await makeTenant();
  const reseller = await makeOperator(t.owner, "RESELLER");
  const sub = await makeOperator(t.owner, "SUB_RESELLER", { parentId: reseller.id });
  const onSale = await makePackage(t.owner, { resellerVisible: true, resellerPrice: "900", subResellerPrice: "950", price: "1000" });
  const onSaleListPrice = await makePackage(t.owner, { resellerVisible: true, price: "12.50", connectionTypes: ["HOTSPOT"] });
  const staffOnly = await makePackage(t.owner, { resellerVisible: false });
  const archived = await makePackage(t.owner, { resellerVisible: true });
  await archivePackage(t.owner, archived.id);
  return { t, reseller, sub, onSale, onSaleListPrice, staffOnly, archived };
}

describe("listPackages", () => {
  it("staff see every package, archived included, with rates as RouterOS text", async () => {
    const x = await catalogue();
    const { rows, total } = await listPackages(x.t.owner, everything);
    expect(total).toBe(4);
    expect(rows.map((r) => r.id).sort()).toEqual([x.onSale.id, x.onSaleListPrice.id, x.staffOnly.id, x.archived.id].sort());
    const onSale = rows.find((r) => r.id === x.onSale.id)!;
    expect(onSale).toMatchObject({ priceMinor: "100000", resellerPriceMinor: "90000", subResellerPriceMinor: "95000", costMinor: null, marginMinor: null, currency: "KES", rateDown: "10M", rateUp: "2M", dataCapGb: null, customerCount: 0 });
    expect(rows.find((r) => r.id === x.archived.id)!.status).toBe("ARCHIVED");
    // Everything handed to the client must survive serialization (no BigInt).
    expect(() => JSON.stringify(rows)).not.toThrow();
  });

  it("resellers and sub-resellers see only active reseller-visible packages, with the customer price, their cost and their margin", async () => {
    const x = await catalogue();
    for (const [actor, cost, margin] of [
      [x.reseller.actor, "90000", "10000"],
      [x.sub.actor, "95000", "5000"],
    ] as const) {
      const { rows, total } = await listPackages(actor, everything);
      expect(total).toBe(2);
      expect(rows.map((r) => r.id).sort()).toEqual([x.onSale.id, x.onSaleListPrice.id].sort());
      // The other tiers' prices stay the ISP's business.
      expect(rows.find((r) => r.id === x.onSale.id)).toMatchObject({ priceMinor: "100000", costMinor: cost, marginMinor: margin, resellerPriceMinor: null, subResellerPriceMinor: null });
      expect(rows.find((r) => r.id === x.onSaleListPrice.id)).toMatchObject({ priceMinor: "1250", costMinor: "1250", marginMinor: "0" });
      expect(await getPackageOrThrow(actor, x.onSale.id)).toMatchObject({ resellerPriceMinor: null, subResellerPriceMinor: null, resellerPrice: "", subResellerPrice: "" });
    }
    await expect(getPackageOrThrow(x.reseller.actor, x.staffOnly.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getPackageOrThrow(x.reseller.actor, x.archived.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("filters by status, connection type and name", async () => {
    const x = await catalogue();
    const active = await listPackages(x.t.owner, parseListQuery({ status: "ACTIVE" }, PACKAGE_LIST_SPEC));
    expect(active.total).toBe(3);
    const hotspot = await listPackages(x.t.owner, parseListQuery({ connectionType: "HOTSPOT" }, PACKAGE_LIST_SPEC));
    expect(hotspot.rows.map((r) => r.id)).toContain(x.onSaleListPrice.id);
    const named = await listPackages(x.t.owner, parseListQuery({ q: x.staffOnly.name.toUpperCase() }, PACKAGE_LIST_SPEC));
    expect(named.rows.map((r) => r.id)).toEqual([x.staffOnly.id]);
  });

  it("sorts by every sortable column, for staff and resellers", async () => {
    const x = await catalogue();
    for (const sort of PACKAGE_LIST_SPEC.sortable) {
      for (const dir of ["asc", "desc"]) {
        const staff = await listPackages(x.t.owner, parseListQuery({ sort, dir }, PACKAGE_LIST_SPEC));
        expect(staff.rows).toHaveLength(4);
        const reseller = await listPackages(x.reseller.actor, parseListQuery({ sort, dir }, PACKAGE_LIST_SPEC));
        expect(reseller.rows).toHaveLength(2);
      }
    }
    const byPrice = await listPackages(x.t.owner, parseListQuery({ sort: "price", dir: "asc", status: "ACTIVE" }, PACKAGE_LIST_SPEC));
    expect(byPrice.rows[0]!.id).toBe(x.onSaleListPrice.id);
  });
});

describe("getPackageOrThrow", () => {
  it("answers form-ready text", async () => {
    const t = await makeTenant();
    const pkg = await makePackage(t.owner, {
      price: "12.50",
      rateDown: "1.5M",
      rateUp: "512k",
      burstDown: "3M",
      burstUp: "1M",
      burstThresholdDown: "1M",
      burstThresholdUp: "384k",
      burstTimeSeconds: "16",
      dataCapGb: "1.5",
      dataCapAction: "THROTTLE",
      fupDown: "1M",
      fupUp: "256k",
      resellerVisible: true,
      resellerPrice: "10",
      subResellerPrice: "11.25",
    });
    const detail = await getPackageOrThrow(t.owner, pkg.id);
    expect(detail).toMatchObject({
      price: "12.50",
      validityValue: "30",
      validityUnit: "DAY",
      rateDown: "1.5M",
      rateUp: "512k",
      burstDown: "3M",
      burstThresholdUp: "384k",
      burstTimeSeconds: "16",
      dataCapGb: "1.5",
      dataCapAction: "THROTTLE",
      fupDown: "1M",
      fupUp: "256k",
      sharedUsers: "1",
      connectionTypes: ["PPPOE", "HOTSPOT"],
      ipPool: "",
      resellerVisible: true,
      resellerPrice: "10",
      subResellerPrice: "11.25",
      status: "ACTIVE",
    });
    expect(() => JSON.stringify(detail)).not.toThrow();
  });

  it("another tenant's package, or a malformed id, is not found", async () => {
    const mine = await makeTenant();
    const other = await makeTenant();
    const theirs = await makePackage(other.owner);
    await expect(getPackageOrThrow(mine.owner, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getPackageOrThrow(mine.owner, "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listPackages(mine.owner, everything)).rows.map((r) => r.id)).not.toContain(theirs.id);
  });
});

describe("listPackageChoices", () => {
  it("offers active packages; resellers only those on sale to them; filtered by connection type", async () => {
    const x = await catalogue();
    const staff = (await listPackageChoices(x.t.owner)).map((c) => c.value).sort();
    expect(staff).toEqual([x.onSale.id, x.onSaleListPrice.id, x.staffOnly.id].sort());
    const reseller = (await listPackageChoices(x.reseller.actor)).map((c) => c.value).sort();
    expect(reseller).toEqual([x.onSale.id, x.onSaleListPrice.id].sort());
    const pppoe = (await listPackageChoices(x.sub.actor, "PPPOE")).map((c) => c.value);
    expect(pppoe).toEqual([x.onSale.id]);
    expect((await listPackageChoices(x.t.owner)).find((c) => c.value === x.onSale.id)?.label).toBe(x.onSale.name);
  });
});
