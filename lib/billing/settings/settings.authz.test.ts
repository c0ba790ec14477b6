// Who may read and change billing settings: owners and admins; a manager, a reseller and the
// owner of another ISP are refused, with nothing changed.
import { describe, expect, it } from "vitest";
import { expectRefused, makeCast } from "@/lib/testing/authz";
import { getBillingSettings } from "./get-billing-settings";
import { archiveTaxRate, saveTaxRate } from "./tax-rates";
import { updateBillingSettings } from "./update-billing-settings";
import { uploadLogo } from "./upload-logo";

const good = {
  defaultMode: "PREPAID_VALIDITY" as const, billingDay: "anniversary", dueDays: "7", graceDays: "3", autoLock: "on", deactivateAfterDays: "",
  invoicePattern: "INV-{YYYY}-{seq:5}", creditNotePattern: "CN-{YYYY}-{seq:5}", receiptPattern: "RCT-{YYYY}-{seq:6}", pricesIncludeTax: "on",
  defaultTaxRateId: "", cashRounding: "", changeCreditPolicy: "CREDIT" as const, upgradeTiming: "NOW" as const, legalName: "Hijacked Ltd",
};
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);

describe("billing settings refusals", () => {
  it("a manager, a reseller and a stranger cannot change settings, tax rates or the logo", async () => {
    const c = await makeCast();
    const rate = await saveTaxRate(c.owner, { name: "VAT", rate: "16" });
    const tenants = [c.tenantId, c.strangerTenantId];
    for (const actor of [c.manager, c.reseller, c.subReseller]) {
      await expectRefused(() => updateBillingSettings(actor, good), tenants);
      await expectRefused(() => saveTaxRate(actor, { name: "Zero", rate: "0" }), tenants);
      await expectRefused(() => saveTaxRate(actor, { id: rate.id, name: "Renamed", rate: "16" }), tenants);
      await expectRefused(() => archiveTaxRate(actor, rate.id), tenants);
      await expectRefused(() => uploadLogo(actor, png), tenants);
      await expectRefused(() => getBillingSettings(actor), tenants);
    }
    // The other ISP's owner acts on its own tenant only: our rate is not found there.
    await expectRefused(() => archiveTaxRate(c.stranger, rate.id), tenants);
    await expectRefused(() => saveTaxRate(c.stranger, { id: rate.id, name: "Mine now", rate: "16" }), tenants);
    expect((await getBillingSettings(c.stranger)).taxRates).toEqual([]);
  });
});
