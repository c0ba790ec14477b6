// Who may change packages, asked of the services directly (not through the UI): staff with
// packages:manage only. A manager reads packages and sells them, and is refused every write.
import { beforeAll, describe, it } from "vitest";
import { expectRefused, makeCast, type Cast } from "@/lib/testing/authz";
import { makePackage, uniq } from "@/lib/testing/factories";
import { archivePackage, savePackage } from "./save-package";

const input = () => ({ name: uniq("Pkg "), price: "1000", validityValue: 30, validityUnit: "DAY" as const, rateDown: "10M", rateUp: "2M", connectionTypes: ["PPPOE" as const] });

let c: Cast;
let packageId: string;
beforeAll(async () => {
  c = await makeCast();
  packageId = (await makePackage(c.owner, { resellerVisible: true })).id;
});

describe("package writes", () => {
  for (const role of ["manager", "reseller", "subReseller"] as const) {
    it(`savePackage (create) refuses a ${role}`, async () => {
      await expectRefused(() => savePackage(c[role], input()), [c.tenantId], ["FORBIDDEN"]);
    });
    it(`savePackage (update) refuses a ${role}`, async () => {
      await expectRefused(() => savePackage(c[role], { ...input(), id: packageId, price: "1" }), [c.tenantId], ["FORBIDDEN"]);
    });
    it(`archivePackage refuses a ${role}`, async () => {
      await expectRefused(() => archivePackage(c[role], packageId), [c.tenantId], ["FORBIDDEN"]);
    });
  }

  it("another ISP's owner finds no such package to update or archive", async () => {
    await expectRefused(() => savePackage(c.stranger, { ...input(), id: packageId }), [c.tenantId, c.strangerTenantId], ["NOT_FOUND"]);
    await expectRefused(() => archivePackage(c.stranger, packageId), [c.tenantId, c.strangerTenantId], ["NOT_FOUND"]);
  });
});
