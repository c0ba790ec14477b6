// The money type without a database: the currency table, exact parsing, the formatter and JSON.
// Random amounts come from a seeded generator so a failure can be replayed.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { CURRENCY_CODES, currencyExponent, isCurrency } from "./currencies";
import { formatMoney, minorToDecimalString } from "./format-money";
import { moneyFromJson, moneyToJson } from "./json";
import { MAX_AMOUNT_MINOR, parseAmount, tryParseAmount } from "./parse-amount";
import { bpToPercentText, percentToBp } from "./percent-to-bp";

/** xorshift64*: reproducible random bigints in [0, max]. */
function randomBigints(seed: bigint, count: number, max: bigint): bigint[] {
  let x = seed;
  const mask = (1n << 64n) - 1n;
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    x ^= x >> 12n;
    x ^= (x << 25n) & mask;
    x ^= x >> 27n;
    const r = (x * 2685821657736338717n) & mask;
    // Mix magnitudes: small, medium and near-limit amounts all occur.
    out.push(((r * 7919n) % 10n ** ((r % 16n) + 1n)) % (max + 1n));
  }
  return out;
}

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a refusal");
};

describe("currencies", () => {
  it("knows every currency Intl knows, with the ISO exponents the billing rules name", () => {
    for (const code of Intl.supportedValuesOf("currency")) expect(isCurrency(code), code).toBe(true);
    for (const code of ["KES", "BDT", "PHP", "RUB", "USD", "EUR", "IDR", "PKR", "HUF"]) expect(currencyExponent(code), code).toBe(2);
    for (const code of ["JPY", "UGX", "XAF", "XOF", "KRW", "VND", "RWF", "CLP", "ISK"]) expect(currencyExponent(code), code).toBe(0);
    for (const code of ["KWD", "BHD", "OMR", "JOD", "TND", "IQD", "LYD"]) expect(currencyExponent(code), code).toBe(3);
    expect(CURRENCY_CODES).toEqual([...CURRENCY_CODES].sort());
  });

  it("refuses unknown codes instead of guessing two decimals", () => {
    for (const code of ["kes", "XXX", "", "KES ", "CLF"]) expect(isCurrency(code), code).toBe(false);
    expect(() => currencyExponent("ABC")).toThrow(/Unknown currency/);
  });
});

describe("parseAmount", () => {
  it("reads plain and grouped amounts exactly", () => {
    expect(parseAmount("1234.5", "KES")).toBe(123450n);
    expect(parseAmount("1,234.50", "KES")).toBe(123450n);
    expect(parseAmount("1 234 567.89", "KES")).toBe(123456789n);
    expect(parseAmount("1\u00a0234.50", "EUR")).toBe(123450n);
    expect(parseAmount(" 0012 ", "KES")).toBe(1200n);
    expect(parseAmount("0", "KES")).toBe(0n);
    expect(parseAmount("0.01", "USD")).toBe(1n);
    expect(parseAmount("1500", "JPY")).toBe(1500n);
    expect(parseAmount("1.234", "KWD")).toBe(1234n);
    expect(parseAmount("1.2", "KWD")).toBe(1200n);
    expect(parseAmount("21474836.48", "KES")).toBe(2147483648n);
    expect(parseAmount("9,999,999,999,999.99", "KES")).toBe(MAX_AMOUNT_MINOR);
  });

  it("refuses more decimals than the currency has, naming the rule", () => {
    expect(tryParseAmount("1.5", "JPY")).toEqual({ ok: false, message: "JPY amounts have no decimals." });
    expect(tryParseAmount("1.2345", "KWD")).toEqual({ ok: false, message: "KWD amounts have at most 3 decimals." });
    expect(tryParseAmount("12.505", "KES")).toEqual({ ok: false, message: "KES amounts have at most 2 decimals." });
    const e = refusal(() => parseAmount("1.5", "UGX", { field: "price" }));
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: "VALIDATION", userMessage: "UGX amounts have no decimals.", fieldErrors: { price: ["UGX amounts have no decimals."] } });
  });

  it("refuses a decimal comma with a hint, rather than guessing", () => {
    expect(tryParseAmount("1 234,50", "EUR")).toEqual({ ok: false, message: "Use a dot for decimals, e.g. 12.50." });
    expect(tryParseAmount("12,5", "KES")).toEqual({ ok: false, message: "Use a dot for decimals, e.g. 12.50." });
  });

  it("refuses everything that is not a plain decimal", () => {
    const bad = ["", " ", "1e3", "1E3", "0x10", "0b1", "0o7", "١٢", "１２", "NaN", "nan", "Infinity", "-Infinity", "+5", "5.", ".5", "1..2", "1.2.3",
      "1\u00002", "\u0000", "12\n3", "1,23", "1,2345", "12,34,567", "1 23", "1_000", "KES 12", "$12", "12 KES", "- 5", "--5", "1,234 567", "null", "undefined", "[]"];
    for (const text of bad) expect(tryParseAmount(text, "KES").ok, JSON.stringify(text)).toBe(false);
    expect(tryParseAmount("9".repeat(100), "KES").ok).toBe(false);
  });

  it("bounds amounts by a documented maximum, not by 32 bits", () => {
    expect(tryParseAmount("10000000000000", "KES")).toEqual({ ok: false, message: "At most 9,999,999,999,999.99." });
    expect(tryParseAmount(`1${"0".repeat(30)}`, "KES")).toEqual({ ok: false, message: "At most 9,999,999,999,999.99." });
    expect(tryParseAmount("1000000000000000", "JPY")).toEqual({ ok: false, message: "At most 999,999,999,999,999." });
    expect(tryParseAmount("1000", "KES", { max: 99_999n })).toEqual({ ok: false, message: "At most 999.99." });
    expect(MAX_AMOUNT_MINOR <= BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it("takes a minus sign only when asked", () => {
    expect(tryParseAmount("-5", "KES")).toEqual({ ok: false, message: "The amount cannot be negative." });
    expect(parseAmount("-5.25", "KES", { allowNegative: true })).toBe(-525n);
    expect(parseAmount("-0", "KES", { allowNegative: true })).toBe(0n);
  });

  it("round-trips random amounts through the decimal text and the formatter for 0, 2 and 3 decimals", () => {
    for (const [currency, seed] of [["JPY", 1n], ["KES", 2n], ["KWD", 3n]] as const) {
      for (const minor of [0n, 1n, MAX_AMOUNT_MINOR, ...randomBigints(seed, 2000, MAX_AMOUNT_MINOR)]) {
        expect(parseAmount(minorToDecimalString(minor, currency), currency)).toBe(minor);
        expect(parseAmount(minorToDecimalString(minor, currency, { compactWhole: true }), currency)).toBe(minor);
        // The formatter's en text minus its currency code is a grouped amount the parser reads back.
        const shown = formatMoney(minor, currency).replace(currency, "").replace(/[^0-9.,]/g, "");
        expect(parseAmount(shown, currency), `${minor} ${currency} shown as ${shown}`).toBe(minor);
        expect(parseAmount(`-${minorToDecimalString(minor, currency)}`, currency, { allowNegative: true })).toBe(-minor);
      }
    }
  });
});

describe("formatMoney and minorToDecimalString", () => {
  it("builds the text from the integer's digits", () => {
    expect(minorToDecimalString(123450n, "KES")).toBe("1234.50");
    expect(minorToDecimalString(5n, "KES")).toBe("0.05");
    expect(minorToDecimalString(-5n, "KWD")).toBe("-0.005");
    expect(minorToDecimalString(1500n, "JPY")).toBe("1500");
    expect(minorToDecimalString(250000n, "KES", { compactWhole: true })).toBe("2500");
    expect(minorToDecimalString(1250n, "KES", { compactWhole: true })).toBe("12.50");
    expect(formatMoney(250000n, "KES")).toBe("KES\u00a02,500.00");
    expect(formatMoney(1500n, "JPY")).toBe("¥1,500");
    expect(formatMoney(1234n, "KWD")).toBe("KWD\u00a01.234");
    expect(formatMoney(-525n, "USD")).toBe("-$5.25");
    expect(formatMoney(150000n, "IQD")).toBe("IQD\u00a0150.000");
    expect(formatMoney(123456n, "EUR", "de-DE")).toBe("1.234,56\u00a0€");
  });

  it("is exact past the doubles' integer range", () => {
    expect(formatMoney(MAX_AMOUNT_MINOR, "KES")).toBe("KES\u00a09,999,999,999,999.99");
    expect(formatMoney(12345678901234567891n, "USD")).toBe("$123,456,789,012,345,678.91");
    expect(minorToDecimalString(12345678901234567891n, "USD")).toBe("123456789012345678.91");
  });
});

describe("money in JSON", () => {
  it("writes strings and reads only canonical integer strings", () => {
    expect(JSON.stringify({ price: moneyToJson(2147483648n) })).toBe('{"price":"2147483648"}');
    expect(moneyFromJson("123450")).toBe(123450n);
    expect(moneyFromJson("-525")).toBe(-525n);
    expect(moneyFromJson("0")).toBe(0n);
    for (const v of [123450, 1.5, null, undefined, "", " 1", "1 ", "01", "-0", "+1", "1e3", "0x10", "1.5", "١٢", "1\u0000", `1${"0".repeat(30)}`, "1000000000000000", {}, []]) {
      expect(() => moneyFromJson(v), JSON.stringify(v) ?? String(v)).toThrow(AppError);
    }
    for (const minor of randomBigints(7n, 500, MAX_AMOUNT_MINOR)) expect(moneyFromJson(JSON.parse(JSON.stringify(moneyToJson(minor))))).toBe(minor);
  });
});

describe("percentToBp", () => {
  it("parses percentages exactly and shows them back", () => {
    expect(percentToBp("60")).toEqual({ ok: true, bp: 6000 });
    expect(percentToBp("12.5")).toEqual({ ok: true, bp: 1250 });
    expect(percentToBp(" 0.01 ")).toEqual({ ok: true, bp: 1 });
    expect(percentToBp("100")).toEqual({ ok: true, bp: 10_000 });
    expect(percentToBp("100.01")).toEqual({ ok: false, message: "Between 0 and 100." });
    expect(percentToBp("120")).toEqual({ ok: false, message: "Between 0 and 100." });
    for (const bad of ["", "1e1", "0x10", "١٢", "12.345", "-1", "NaN", "12,5", "1\u0000"]) expect(percentToBp(bad).ok, bad).toBe(false);
    for (let bp = 0; bp <= 10_000; bp++) expect(percentToBp(bpToPercentText(bp))).toEqual({ ok: true, bp });
    expect(bpToPercentText(1250)).toBe("12.5");
    expect(bpToPercentText(6000)).toBe("60");
    expect(bpToPercentText(1)).toBe("0.01");
  });
});
