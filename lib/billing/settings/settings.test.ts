// Billing settings against PostgreSQL: a full form saves and is audited; patterns, amounts and
// rates are checked with the field named; hostile text is stored as typed or refused clearly;
// tax rates are added, renamed and archived; the logo is recognised by its bytes.
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { AppError, toAppError } from "@/lib/errors";
import { makeTenant } from "@/lib/testing/factories";
import { getBillingSettings } from "./get-billing-settings";
import { archiveTaxRate, saveTaxRate } from "./tax-rates";
import { updateBillingSettings } from "./update-billing-settings";
import { uploadLogo } from "./upload-logo";
import type { BillingSettingsInput } from "./settings.schema";

const form = (over: Partial<BillingSettingsInput> = {}): BillingSettingsInput => ({
  defaultMode: "MONTHLY_ADVANCE",
  billingDay: "5",
  dueDays: "10",
  graceDays: "2",
  autoLock: "on",
  deactivateAfterDays: "",
  invoicePattern: "INV-{YYYY}-{seq:6}",
  creditNotePattern: "CN-{seq}",
  receiptPattern: "R/{YY}{MM}/{seq:4}",
  pricesIncludeTax: "",
  defaultTaxRateId: "",
  cashRounding: "1",
  changeCreditPolicy: "REFUND",
  upgradeTiming: "NEXT_PERIOD",
  legalName: "Amani Net Ltd",
  legalAddress: "Moi Avenue 1\nNairobi",
  taxId: "P051234567X",
  phone: "+254 700 000 000",
  email: "billing@amani.test",
  invoiceFooter: "Thank you.",
  ...over,
});

async function refusal(call: Promise<unknown>): Promise<AppError> {
  // A zod error becomes the 422 with field paths at the door (toAppError); the same here.
  const e = await call.then(() => null, (x: unknown) => x);
  expect(e, "the call must be refused").not.toBeNull();
  const appError = toAppError(e);
  expect(appError).toBeInstanceOf(AppError);
  return appError;
}

const audits = (tenantId: string, action: string) => withTenant(tenantId, (tx) => tx.auditLog.count({ where: { tenantId, action } }));

describe("billing settings", () => {
  it("saves a full form, reads it back as form text and audits the change", async () => {
    const t = await makeTenant();
    await updateBillingSettings(t.owner, form());
    const view = await getBillingSettings(t.owner);
    expect(view.values).toMatchObject({ defaultMode: "MONTHLY_ADVANCE", billingDay: "5", dueDays: "10", autoLock: "on", pricesIncludeTax: "", cashRounding: "1", receiptPattern: "R/{YY}{MM}/{seq:4}", legalName: "Amani Net Ltd" });
    const row = await withTenant(t.tenantId, (tx) => tx.billingSettings.findUniqueOrThrow({ where: { tenantId: t.tenantId } }));
    expect(row.cashRoundingMinor).toBe(100n); // KES: 1 shilling = 100 cents
    expect(row.billingDay).toBe(5);
    expect(await audits(t.tenantId, "billing.settings.update")).toBe(1);
    // The anniversary and "never deactivate" are nulls; five cents is 5 minor units.
    await updateBillingSettings(t.owner, form({ billingDay: "anniversary", deactivateAfterDays: "30", cashRounding: "0.05" }));
    const again = await withTenant(t.tenantId, (tx) => tx.billingSettings.findUniqueOrThrow({ where: { tenantId: t.tenantId } }));
    expect(again).toMatchObject({ billingDay: null, deactivateAfterDays: 30, cashRoundingMinor: 5n });
  });

  it("refuses bad values with the field named", async () => {
    const t = await makeTenant();
    const cases: [Partial<BillingSettingsInput>, string][] = [
      [{ invoicePattern: "INV-{YYYY}" }, "invoicePattern"],
      [{ creditNotePattern: "CN-%{seq}" }, "creditNotePattern"],
      [{ receiptPattern: "R-{seq}-`whoami`" }, "receiptPattern"],
      [{ invoicePattern: "INV-{seq}-{x}" }, "invoicePattern"],
      [{ billingDay: "29" }, "billingDay"],
      [{ dueDays: "-1" }, "dueDays"],
      [{ graceDays: "1.5" }, "graceDays"],
      [{ cashRounding: "0.001" }, "cashRounding"],
      [{ cashRounding: "5000" }, "cashRounding"],
      [{ cashRounding: "1e3" }, "cashRounding"],
      [{ email: "not-an-email" }, "email"],
      [{ legalName: "x".repeat(10_240) }, "legalName"],
      [{ invoiceFooter: "y".repeat(10_240) }, "invoiceFooter"],
      [{ legalAddress: "a\u0000b" }, "legalAddress"],
      [{ defaultTaxRateId: "00000000-0000-4000-8000-000000000000" }, "defaultTaxRateId"],
    ];
    for (const [over, field] of cases) {
      const e = await refusal(updateBillingSettings(t.owner, form(over)));
      expect(e.code, JSON.stringify(over).slice(0, 80)).toBe("VALIDATION");
      expect(Object.keys(e.fieldErrors ?? {}), JSON.stringify(over).slice(0, 80)).toContain(field);
    }
    const nul = await refusal(updateBillingSettings(t.owner, form({ legalName: "Amani\u0000" })));
    expect(nul.fieldErrors?.legalName?.[0]).toMatch(/NUL/);
    expect(await audits(t.tenantId, "billing.settings.update")).toBe(0);
  });

  it("stores hostile text exactly as typed", async () => {
    const t = await makeTenant();
    const hostile = `O'Brien "ISP" %{seq} \`rm -rf\` <script>alert(1)</script> ${"${x}"}`;
    await updateBillingSettings(t.owner, form({ legalName: hostile, invoiceFooter: hostile }));
    const view = await getBillingSettings(t.owner);
    expect(view.values.legalName).toBe(hostile);
    expect(view.values.invoiceFooter).toBe(hostile);
  });

  it("adds, renames and archives tax rates; a rate's percentage never changes", async () => {
    const t = await makeTenant();
    const vat = await saveTaxRate(t.owner, { name: "VAT", rate: "16" });
    const low = await saveTaxRate(t.owner, { name: "Reduced", rate: "7.5" });
    expect([vat.rateBp, low.rateBp]).toEqual([1600, 750]);
    expect((await refusal(saveTaxRate(t.owner, { name: "VAT", rate: "8" }))).fieldErrors?.name).toBeDefined();
    expect((await refusal(saveTaxRate(t.owner, { name: "Odd", rate: "16.125" }))).fieldErrors?.rate).toBeDefined();
    expect((await refusal(saveTaxRate(t.owner, { name: "Big", rate: "101" }))).fieldErrors?.rate).toBeDefined();
    expect((await refusal(saveTaxRate(t.owner, { id: vat.id, name: "VAT", rate: "18" }))).fieldErrors?.rate).toBeDefined();
    await saveTaxRate(t.owner, { id: vat.id, name: "VAT (standard)", rate: "16" });
    await updateBillingSettings(t.owner, form({ defaultTaxRateId: vat.id }));
    await archiveTaxRate(t.owner, vat.id);
    const view = await getBillingSettings(t.owner);
    expect(view.taxRates).toEqual([
      { id: low.id, name: "Reduced", rate: "7.5", archived: false },
      { id: vat.id, name: "VAT (standard)", rate: "16", archived: true },
    ]);
    expect(view.values.defaultTaxRateId).toBe("");
    expect((await refusal(updateBillingSettings(t.owner, form({ defaultTaxRateId: vat.id })))).fieldErrors?.defaultTaxRateId).toBeDefined();
    expect(await audits(t.tenantId, "billing.tax_rate.archive")).toBe(1);
  });

  it("takes a PNG or JPEG by its bytes, at most 512 KB", async () => {
    const t = await makeTenant();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(await uploadLogo(t.owner, png)).toEqual({ mime: "image/png", bytes: 11 });
    expect((await uploadLogo(t.owner, new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]))).mime).toBe("image/jpeg");
    // An SVG or a GIF named logo.png is still refused.
    expect((await refusal(uploadLogo(t.owner, new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>")))).fieldErrors?.logo).toBeDefined();
    expect((await refusal(uploadLogo(t.owner, new TextEncoder().encode("GIF89a....")))).fieldErrors?.logo).toBeDefined();
    const big = new Uint8Array(512 * 1024 + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect((await refusal(uploadLogo(t.owner, big))).fieldErrors?.logo?.[0]).toMatch(/512 KB/);
    expect((await getBillingSettings(t.owner)).hasLogo).toBe(true);
    await uploadLogo(t.owner, null);
    expect((await getBillingSettings(t.owner)).hasLogo).toBe(false);
  });
});

describe("the next-number preview", () => {
  it("shows the next number from the counter, or why the pattern is refused", async () => {
    const { previewDocumentNumber } = await import("./preview-document-number");
    const t = await makeTenant();
    const at = new Date("2027-03-15T10:00:00Z");
    expect(await previewDocumentNumber(t.owner, "INV", "INV-{YYYY}-{seq:4}", at)).toEqual({ ok: true, number: "INV-2027-0001" });
    await withTenant(t.tenantId, (tx) => tx.documentCounter.create({ data: { tenantId: t.tenantId, series: "INV", period: "2027", lastValue: 41n } }));
    expect(await previewDocumentNumber(t.owner, "INV", "INV-{YYYY}-{seq:4}", at)).toEqual({ ok: true, number: "INV-2027-0042" });
    // A monthly pattern has its own counter (none yet): it starts at 1.
    expect(await previewDocumentNumber(t.owner, "INV", "{YY}{MM}-{seq}", at)).toEqual({ ok: true, number: "2703-1" });
    const bad = await previewDocumentNumber(t.owner, "INV", "INV-%{seq}", at);
    expect(bad.ok).toBe(false);
    expect(await previewDocumentNumber(t.owner, "INV", "INV-{seq}\u0000", at)).toMatchObject({ ok: false });
  });
});
