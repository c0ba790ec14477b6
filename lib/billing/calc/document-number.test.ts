import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { formatDocumentNumber, validateNumberPattern } from "./document-number";

const at = (s: string) => new Date(s);

describe("formatDocumentNumber", () => {
  it("fills dates from the issue date in the tenant's zone", () => {
    // 20:00 UTC on 31 December is 01:45 on 1 January in Kathmandu: next year's invoice there
    expect(formatDocumentNumber("INV-{YYYY}-{seq:6}", { seq: 42, issuedAt: at("2026-12-31T20:00:00Z"), timeZone: "Asia/Kathmandu" })).toBe("INV-2027-000042");
    expect(formatDocumentNumber("INV-{YYYY}-{seq:6}", { seq: 42, issuedAt: at("2026-12-31T20:00:00Z"), timeZone: "UTC" })).toBe("INV-2026-000042");
    // 02:00 UTC on 1 January is still 31 December, 22:30 in St John's
    expect(formatDocumentNumber("CN/{YY}{MM}{DD}/{seq}", { seq: 7n, issuedAt: at("2027-01-01T02:00:00Z"), timeZone: "America/St_Johns" })).toBe("CN/261231/7");
    // Berlin, the night of the autumn change
    expect(formatDocumentNumber("R{YYYY}{MM}{DD}-{seq:3}", { seq: 5, issuedAt: at("2027-10-30T23:30:00Z"), timeZone: "Europe/Berlin" })).toBe("R20271031-005");
  });

  it("never truncates a sequence longer than its padding; bigints beyond 2^53 print exactly", () => {
    expect(formatDocumentNumber("{seq:6}", { seq: 1_234_567, issuedAt: at("2027-01-01T00:00:00Z"), timeZone: "UTC" })).toBe("1234567");
    expect(formatDocumentNumber("INV-{seq:12}", { seq: 9_007_199_254_740_993n, issuedAt: at("2027-01-01T00:00:00Z"), timeZone: "UTC" })).toBe("INV-9007199254740993");
    expect(formatDocumentNumber("INV {seq:2}", { seq: 1, issuedAt: at("2027-01-01T00:00:00Z"), timeZone: "UTC" })).toBe("INV 01");
  });

  it("refuses bad patterns and sequence numbers", () => {
    const issuedAt = at("2027-01-01T00:00:00Z");
    expect(() => formatDocumentNumber("INV-{YYYY}", { seq: 1, issuedAt, timeZone: "UTC" })).toThrow(AppError);
    for (const seq of [0, -1, 1.5, 0n, Number.NaN]) expect(() => formatDocumentNumber("{seq}", { seq, issuedAt, timeZone: "UTC" }), String(seq)).toThrow(/whole number from 1/);
  });
});

describe("validateNumberPattern", () => {
  it("accepts the usual shapes", () => {
    for (const ok of ["INV-{YYYY}-{seq}", "{seq}", "INV/{YY}/{MM}/{seq:5}", "R#{seq:6}", "CN_{YYYY}.{MM}.{DD}_{seq:12}", "A".repeat(35) + "{seq}"]) expect(validateNumberPattern(ok), ok).toBeNull();
  });

  it("explains what is wrong", () => {
    expect(validateNumberPattern("")).toMatch(/Enter a number pattern/);
    expect(validateNumberPattern("INV-{YYYY}")).toMatch(/must contain \{seq\}/);
    expect(validateNumberPattern("{seq}-{seq:4}")).toMatch(/exactly once/);
    expect(validateNumberPattern("A".repeat(36) + "{seq}")).toMatch(/at most 40/);
    expect(validateNumberPattern("INV-{year}-{seq}")).toMatch(/Unknown placeholder \{year\}/);
    expect(validateNumberPattern("INV-{seq:0}")).toMatch(/1-12 digits/);
    expect(validateNumberPattern("INV-{seq:13}")).toMatch(/1-12 digits/);
    expect(validateNumberPattern("INV-{seq:6")).toMatch(/must contain/);
    expect(validateNumberPattern("INV-{{seq}}")).toMatch(/Use only letters/);
    expect(validateNumberPattern("INV<{seq}>")).toMatch(/Use only letters/);
    expect(validateNumberPattern("ÜB-{seq}")).toMatch(/Use only letters/);
    expect(validateNumberPattern("INV-{seq}\n")).toMatch(/start or end with a space|Use only/);
    expect(validateNumberPattern(" INV-{seq}")).toMatch(/start or end with a space/);
  });
});
