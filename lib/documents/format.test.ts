import { describe, expect, it } from "vitest";
import { formatAmount, formatRateBp, minorToDecimalString, wallClockInZone, formatDate } from "./format";

describe("minorToDecimalString", () => {
  it("places the decimal point by the currency's digits, from the bigint's digits", () => {
    expect(minorToDecimalString(0n, 2)).toBe("0.00");
    expect(minorToDecimalString(5n, 2)).toBe("0.05");
    expect(minorToDecimalString(-5n, 2)).toBe("-0.05");
    expect(minorToDecimalString(123456n, 2)).toBe("1234.56");
    expect(minorToDecimalString(1234n, 0)).toBe("1234");
    expect(minorToDecimalString(-1234n, 3)).toBe("-1.234");
    expect(minorToDecimalString(9_007_199_254_740_993n, 2)).toBe("90071992547409.93");
  });
});

describe("formatAmount", () => {
  it("formats exactly beyond a double's precision", () => {
    expect(formatAmount(9_007_199_254_740_993n, "USD", "en-US")).toBe("$90,071,992,547,409.93");
    expect(formatAmount(2n ** 63n - 1n, "KES", "en-KE")).toBe("Ksh\u00a092,233,720,368,547,758.07");
  });

  it("uses the currency's decimals (0, 2 and 3) and signs", () => {
    expect(formatAmount(1500n, "JPY", "en-US")).toBe("¥1,500");
    expect(formatAmount(1500n, "BHD", "en-US")).toBe("BHD\u00a01.500");
    expect(formatAmount(-150n, "USD", "en-US")).toBe("-$1.50");
    expect(formatAmount(0n, "EUR", "de-DE")).toBe("0,00\u00a0€");
  });

  it("follows the locale's digits and grouping", () => {
    expect(formatAmount(12_345_678n, "BDT", "bn-BD")).toBe("১,২৩,৪৫৬.৭৮৳");
    expect(formatAmount(12_345_678n, "RUB", "ru-RU")).toBe("123\u00a0456,78\u00a0₽");
  });
});

describe("rates and dates", () => {
  it("prints basis points as a percentage", () => {
    expect(formatRateBp(1600, "en")).toBe("16%");
    expect(formatRateBp(1250, "en")).toBe("12.5%");
    expect(formatRateBp(0, "en")).toBe("0%");
  });

  it("shows dates in the tenant's zone, not the server's", () => {
    const at = new Date("2026-12-31T21:30:00Z");
    expect(formatDate(at, "Africa/Nairobi", "en-GB")).toBe("1 Jan 2027");
    expect(formatDate(at, "America/St_Johns", "en-GB")).toBe("31 Dec 2026");
    expect(wallClockInZone(at, "Asia/Kathmandu").toISOString()).toBe("2027-01-01T03:15:00.000Z");
  });
});
