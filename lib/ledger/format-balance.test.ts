// Amounts are shown exactly on their normal side, whatever their size or the currency's exponent.
import { describe, expect, it } from "vitest";
import { formatMoney, normalBalance } from "./format-balance";

describe("normalBalance", () => {
  it("keeps debit-normal accounts and negates credit-normal ones", () => {
    expect(normalBalance("ASSET", 150n)).toBe(150n);
    expect(normalBalance("EXPENSE", -3n)).toBe(-3n);
    expect(normalBalance("REVENUE", -150n)).toBe(150n);
    expect(normalBalance("LIABILITY", 20n)).toBe(-20n);
    expect(normalBalance("EQUITY", 0n)).toBe(0n);
  });
});

describe("formatMoney", () => {
  // Intl puts a no-break space between a currency code and the number.
  const fmt = (minor: bigint, currency: string, locale: string) => formatMoney(minor, currency, locale).replaceAll("\u00a0", " ");

  it("formats with Intl in the tenant's locale, exactly beyond 2^53", () => {
    expect(fmt(123450n, "KES", "en")).toBe("KES 1,234.50");
    expect(fmt(-5n, "USD", "en-US")).toBe("-$0.05");
    expect(fmt(500n, "JPY", "en")).toBe("¥500");
    expect(fmt(1234n, "KWD", "en")).toBe("KWD 1.234");
    expect(fmt(9_223_372_036_854_775_807n, "KES", "en")).toBe("KES 92,233,720,368,547,758.07");
  });
});
