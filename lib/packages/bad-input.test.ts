// Values at and past the columns' limits come back as field errors, never as a database error (500).
import { describe, expect, it } from "vitest";
import { toAppError } from "@/lib/errors";
import { makeCustomer, makePackage, makeTenant } from "@/lib/testing/factories";

async function fieldErrorsOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, "expected a refusal").not.toBeNull();
  const e = toAppError(error);
  expect(e.code).toBe("VALIDATION");
  return e.fieldErrors ?? {};
}

describe("numbers and dates past their limits", () => {
  it("a price or reseller price past the money maximum is a field error; the maximum itself is saved", async () => {
    const t = await makeTenant();
    expect((await fieldErrorsOf(makePackage(t.owner, { price: "10000000000000" }))).price).toEqual(["At most 9,999,999,999,999.99."]);
    expect((await fieldErrorsOf(makePackage(t.owner, { price: `1${"0".repeat(30)}` }))).price).toEqual(["At most 9,999,999,999,999.99."]);
    expect((await fieldErrorsOf(makePackage(t.owner, { resellerPrice: "99999999999999" }))).resellerPrice).toEqual(["At most 9,999,999,999,999.99."]);
    expect((await fieldErrorsOf(makePackage(t.owner, { price: "12.505" }))).price).toEqual(["KES amounts have at most 2 decimals."]);
    expect((await fieldErrorsOf(makePackage(t.owner, { price: "1e3" }))).price).toEqual(["An amount like 1500 or 12.50."]);
    expect((await fieldErrorsOf(makePackage(t.owner, { price: "-5" }))).price).toEqual(["The amount cannot be negative."]);
    expect((await makePackage(t.owner, { price: "9999999999999.99" })).priceMinor).toBe(999_999_999_999_999n);
  });

  it("buy prices stay in order: reseller <= sub-reseller <= customer price, each named on its field", async () => {
    const t = await makeTenant();
    expect((await fieldErrorsOf(makePackage(t.owner, { price: "1000", resellerPrice: "1000.01" }))).resellerPrice).toEqual(["At most the customer price."]);
    expect((await fieldErrorsOf(makePackage(t.owner, { price: "1000", resellerPrice: "800", subResellerPrice: "1200" }))).subResellerPrice).toEqual(["At most the customer price."]);
    expect((await fieldErrorsOf(makePackage(t.owner, { price: "1000", resellerPrice: "800", subResellerPrice: "799.99" }))).subResellerPrice).toEqual(["At least the reseller price."]);
    expect((await fieldErrorsOf(makePackage(t.owner, { price: "1000", subResellerPrice: "900" }))).subResellerPrice).toEqual(["At least the customer price (no reseller price is set)."]);
    const ok = await makePackage(t.owner, { price: "1000", resellerPrice: "800", subResellerPrice: "800" });
    expect([ok.resellerPriceMinor, ok.subResellerPriceMinor]).toEqual([800_00n, 800_00n]);
  });

  it("an oversized rate or burst time is a field error", async () => {
    const t = await makeTenant();
    expect((await fieldErrorsOf(makePackage(t.owner, { rateDown: "99999999999999999999G" }))).rateDown?.[0]).toMatch(/at most 100G/);
    expect((await fieldErrorsOf(makePackage(t.owner, { rateUp: "101G" }))).rateUp?.[0]).toMatch(/at most 100G/);
    const burst = { burstDown: "20M", burstUp: "4M", burstThresholdDown: "8M", burstThresholdUp: "1M" };
    expect((await fieldErrorsOf(makePackage(t.owner, { ...burst, burstTimeSeconds: "99999999999" }))).burstTimeSeconds).toEqual(["Whole seconds from 1 to 86400."]);
    expect((await makePackage(t.owner, { rateDown: "100G" })).rateDownBps).toBe(100_000_000_000n);
  });

  it("an expiry out of range or in day/month order is a field error", async () => {
    const t = await makeTenant();
    for (const bad of ["+099999-01-01T00:00:00Z", "99999-01-01", "2027-02-30", "0001-01-01T00:00Z", "2027-01-31T25:00"]) {
      expect((await fieldErrorsOf(makeCustomer(t.owner, { expiresAt: bad }))).expiresAt?.[0], bad).toMatch(/A date from 1970 to 9999/);
    }
    expect((await fieldErrorsOf(makeCustomer(t.owner, { expiresAt: "31/01/2027" }))).expiresAt?.[0]).toMatch(/could be day\/month or month\/day/);
    const ok = await makeCustomer(t.owner, { expiresAt: "9999-12-31T23:59:00Z" });
    expect(ok.expiresAt?.toISOString()).toBe("9999-12-31T23:59:00.000Z");
  });
});
