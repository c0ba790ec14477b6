// Who may see and set special prices: staff who manage operators, for any reseller or
// sub-reseller; a reseller for its own sub-resellers. Everyone else is refused, and nothing changes.
import { describe, expect, it } from "vitest";
import { expectRefused, makeCast } from "@/lib/testing/authz";
import { makePackage } from "@/lib/testing/factories";
import { listSpecialPrices, setSpecialPrices } from "./special-prices";
import { listSubResellerPackages, setSubResellerPackages } from "./sub-reseller-packages";

describe("special price refusals", () => {
  it("refuses managers, sub-resellers, a reseller on itself or another reseller's sub-reseller, staff as targets, and another ISP", async () => {
    const c = await makeCast();
    const pkg = await makePackage(c.owner, { price: "1000", resellerVisible: true });
    const price = { [pkg.id]: "900" };
    const tenants = [c.tenantId, c.strangerTenantId];
    const refused: [string, Parameters<typeof setSpecialPrices>[0], string][] = [
      ["a manager", c.manager, c.reseller.id],
      ["a sub-reseller on itself", c.subReseller, c.subReseller.id],
      ["a reseller on itself", c.reseller, c.reseller.id],
      ["a reseller on another reseller's sub-reseller", c.reseller, c.otherSubReseller.id],
      ["a reseller on another reseller", c.reseller, c.otherReseller.id],
      ["the owner on an admin", c.owner, c.admin.id],
      ["another ISP's owner", c.stranger, c.reseller.id],
      ["a malformed id", c.owner, "not-a-uuid"],
    ];
    for (const [who, actor, target] of refused) {
      await expectRefused(() => setSpecialPrices(actor, target, price), tenants);
      await expectRefused(() => listSpecialPrices(actor, target), tenants);
      expect(who).toBeTruthy();
    }
    // The ones allowed, for contrast.
    await setSpecialPrices(c.admin, c.otherReseller.id, price);
    await setSpecialPrices(c.reseller, c.subReseller.id, { [pkg.id]: "1000" });
  });

  it("refuses to choose a sub-reseller's packages for anyone but its reseller and the ISP's staff", async () => {
    const c = await makeCast();
    const pkg = await makePackage(c.owner, { price: "1000", resellerVisible: true });
    const tenants = [c.tenantId, c.strangerTenantId];
    const refused: [Parameters<typeof setSubResellerPackages>[0], string][] = [
      [c.manager, c.subReseller.id],
      [c.subReseller, c.subReseller.id],
      [c.reseller, c.otherSubReseller.id],
      [c.owner, c.reseller.id],
      [c.stranger, c.subReseller.id],
      [c.owner, "not-a-uuid"],
    ];
    for (const [actor, target] of refused) {
      await expectRefused(() => setSubResellerPackages(actor, target, []), tenants);
      await expectRefused(() => listSubResellerPackages(actor, target), tenants);
    }
    // Allowed, for contrast.
    await setSubResellerPackages(c.reseller, c.subReseller.id, [pkg.id]);
    await setSubResellerPackages(c.admin, c.otherSubReseller.id, []);
  });
});
