// Package prices are exact bigint minor units in the tenant's currency: past the old 32-bit limit,
// at the money maximum, and in 0- and 3-decimal currencies.
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { makePackage, makeTenant } from "@/lib/testing/factories";
import { updateTenantProfile } from "@/lib/tenants/update-tenant-profile";
import { getPackageOrThrow } from "./get-package";
import { listPackages, PACKAGE_LIST_SPEC } from "./list-packages";
import { parseListQuery } from "@/lib/lists/list-query";

async function priceErrorOf(promise: Promise<unknown>) {
  const e = toAppError(await promise.then(() => null, (err: unknown) => err));
  expect(e.code).toBe("VALIDATION");
  return e.fieldErrors?.price;
}

async function tenantIn(currency: string) {
  const t = await makeTenant();
  await updateTenantProfile(t.owner, { name: `ISP ${t.slug}`, currency, timezone: "UTC" });
  return t;
}

describe("package prices", () => {
  it("saves and reads back 21474836.48 and 9999999999999.99 exactly", async () => {
    const t = await makeTenant();
    for (const [typed, minor] of [["21474836.48", 2_147_483_648n], ["9999999999999.99", 999_999_999_999_999n]] as const) {
      const pkg = await makePackage(t.owner, { price: typed, resellerVisible: true, resellerPrice: typed });
      expect(pkg.priceMinor).toBe(minor);
      const stored = await withTenant(t.tenantId, (tx) => tx.$queryRaw<{ price: string; reseller: string }[]>`
        SELECT price_minor::text AS price, reseller_price_minor::text AS reseller FROM packages WHERE id = ${pkg.id}::uuid`);
      expect(stored).toEqual([{ price: minor.toString(), reseller: minor.toString() }]);
      expect(await getPackageOrThrow(t.owner, pkg.id)).toMatchObject({ price: typed, resellerPrice: typed, currency: "KES" });
      const { rows } = await listPackages(t.owner, parseListQuery({ q: pkg.name }, PACKAGE_LIST_SPEC));
      expect(rows.map((r) => [r.priceMinor, r.resellerPriceMinor])).toEqual([[minor.toString(), minor.toString()]]);
    }
  });

  it("the database refuses a negative price whatever the application says", async () => {
    const t = await makeTenant();
    const pkg = await makePackage(t.owner);
    await expect(withTenant(t.tenantId, (tx) => tx.$executeRaw`UPDATE packages SET price_minor = -1 WHERE id = ${pkg.id}::uuid`)).rejects.toThrow(/packages_price/);
  });

  it("a 0-decimal tenant (JPY) reads 1500 as 1500 minor units and refuses 1.5", async () => {
    const t = await tenantIn("JPY");
    const pkg = await makePackage(t.owner, { price: "1500" });
    expect(pkg).toMatchObject({ priceMinor: 1500n, currency: "JPY" });
    expect((await getPackageOrThrow(t.owner, pkg.id)).price).toBe("1500");
    expect(await priceErrorOf(makePackage(t.owner, { price: "1.5" }))).toEqual(["JPY amounts have no decimals."]);
  });

  it("a 3-decimal tenant (KWD) reads 1.234 as 1234 minor units and refuses 1.2345", async () => {
    const t = await tenantIn("KWD");
    const pkg = await makePackage(t.owner, { price: "1.234" });
    expect(pkg).toMatchObject({ priceMinor: 1234n, currency: "KWD" });
    expect((await getPackageOrThrow(t.owner, pkg.id)).price).toBe("1.234");
    expect((await makePackage(t.owner, { price: "2" })).priceMinor).toBe(2000n);
    expect(await priceErrorOf(makePackage(t.owner, { price: "1.2345" }))).toEqual(["KWD amounts have at most 3 decimals."]);
  });
});
