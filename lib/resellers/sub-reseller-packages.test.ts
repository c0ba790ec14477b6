// Which packages a sub-reseller sells, against PostgreSQL: everything on sale to resellers until
// its reseller unticks a package; then the sub-reseller neither sees it nor puts a customer on it,
// a customer already on it keeps it, and a package put on sale later reaches it.
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { updateCustomer } from "@/lib/customers/update-customer";
import { listPackageChoices } from "@/lib/packages/list-package-choices";
import { listPackages, PACKAGE_LIST_SPEC } from "@/lib/packages/list-packages";
import { parseListQuery } from "@/lib/lists/list-query";
import { makeCast } from "@/lib/testing/authz";
import { fundWallet, makeCustomer, makePackage } from "@/lib/testing/factories";
import { listSubResellerPackages, setSubResellerPackages } from "./sub-reseller-packages";

const everything = parseListQuery({ pageSize: "100" }, PACKAGE_LIST_SPEC);
const ids = async (actor: Parameters<typeof listPackages>[0]) => (await listPackages(actor, everything)).rows.map((r) => r.id).sort();

describe("a sub-reseller's packages", () => {
  it("its reseller unticks one: gone from its lists and its new customers; kept by a customer already on it; back when ticked", async () => {
    const c = await makeCast();
    const home = await makePackage(c.owner, { name: "Home 10M", price: "2500", resellerVisible: true });
    const fibre = await makePackage(c.owner, { name: "Fibre 50M", price: "6000", resellerVisible: true });
    await fundWallet(c.owner, c.subReseller.id);
    const onHome = (await makeCustomer(c.subReseller, { packageId: home.id }))!;
    expect(await ids(c.subReseller)).toEqual([home.id, fibre.id].sort());

    const rows = await setSubResellerPackages(c.reseller, c.subReseller.id, [fibre.id]);
    expect(rows.map((r) => [r.packageName, r.sells])).toEqual([["Fibre 50M", true], ["Home 10M", false]]);
    expect(await ids(c.subReseller)).toEqual([fibre.id]);
    expect((await listPackageChoices(c.subReseller)).map((p) => p.value)).toEqual([fibre.id]);
    // The reseller itself still sells both.
    expect(await ids(c.reseller)).toEqual([home.id, fibre.id].sort());

    const refused = await makeCustomer(c.subReseller, { packageId: home.id }).catch((e: unknown) => e);
    expect(toAppError(refused).fieldErrors?.packageId).toEqual(["Choose one of your packages."]);
    // Already on it: kept through an edit.
    await updateCustomer(c.subReseller, { id: onHome.id, name: "Renamed", connectionType: "PPPOE", packageId: home.id });
    expect((await withTenant(c.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: onHome.id } }))).packageId).toBe(home.id);

    // A package the ISP puts on sale later reaches the sub-reseller; re-ticking brings Home back.
    const later = await makePackage(c.owner, { name: "Night 20M", resellerVisible: true });
    expect(await ids(c.subReseller)).toEqual([fibre.id, later.id].sort());
    await setSubResellerPackages(c.owner, c.subReseller.id, [home.id, fibre.id, later.id]);
    expect((await listSubResellerPackages(c.reseller, c.subReseller.id)).every((r) => r.sells)).toBe(true);
    expect(await ids(c.subReseller)).toEqual([home.id, fibre.id, later.id].sort());
  });
});
