// Who may change the ISP's settings (its profile, how FreeRADIUS treats its unpaid customers),
// asked of the services directly: staff with settings:manage only (owner, admin). A manager is
// refused, and so is every reseller.
import { beforeAll, describe, it } from "vitest";
import { updateRadiusSettings } from "@/lib/radius/update-radius-settings";
import { expectRefused, makeCast, type Cast } from "@/lib/testing/authz";
import { updateTenantProfile } from "./update-tenant-profile";

let c: Cast;
beforeAll(async () => {
  c = await makeCast();
});

describe("ISP settings", () => {
  for (const role of ["manager", "reseller", "subReseller"] as const) {
    it(`updateTenantProfile refuses a ${role}`, async () => {
      await expectRefused(() => updateTenantProfile(c[role], { name: "Taken Over", currency: "USD", timezone: "UTC" }), [c.tenantId], ["FORBIDDEN"]);
    });

    it(`updateRadiusSettings refuses a ${role}`, async () => {
      await expectRefused(() => updateRadiusSettings(c[role], { suspendMode: "REJECT", interimIntervalSeconds: 3600 }), [c.tenantId], ["FORBIDDEN"]);
    });
  }
});
