import { describe, expect, it } from "vitest";
import { assertWritableAscii, isWritableAscii, toAscii } from "./ascii";
import { RouterOsValueError } from "./errors";
import { ownerTag, parseOwnerTag, parseOwnerTags, withOwnerTag } from "./owner-tag";

describe("owner tags", () => {
  it("writes and reads our comment tag", () => {
    expect(ownerTag("cust", 1001)).toBe("isp:cust=1001");
    expect(parseOwnerTag("isp:cust=1001")).toEqual({ kind: "cust", id: "1001" });
    expect(parseOwnerTag("isp:cust=0712345678")).toEqual({ kind: "cust", id: "0712345678" });
  });

  it("finds the tag among other text, by kind", () => {
    const comment = "moved from site B; isp:pkg=p-10M isp:cust=cm1abc";
    expect(parseOwnerTag(comment)).toEqual({ kind: "pkg", id: "p-10M" });
    expect(parseOwnerTag(comment, "cust")).toEqual({ kind: "cust", id: "cm1abc" });
    expect(parseOwnerTags(comment)).toHaveLength(2);
    expect(parseOwnerTag(comment, "voucher")).toBeNull();
  });

  it("does not take look-alikes", () => {
    expect(parseOwnerTag("xisp:cust=1")).toBeNull();
    expect(parseOwnerTag("isp:cust=")).toBeNull();
    expect(parseOwnerTag("isp:Cust=1")).toBeNull();
    expect(parseOwnerTag(undefined)).toBeNull();
    expect(parseOwnerTag("")).toBeNull();
  });

  it("refuses kinds and ids that would not parse back", () => {
    expect(() => ownerTag("Cust", 1)).toThrow(RangeError);
    expect(() => ownerTag("cust", "a b")).toThrow(RangeError);
    expect(() => ownerTag("cust", "José")).toThrow(RangeError);
    expect(() => ownerTag("cust", "")).toThrow(RangeError);
  });

  it("replaces our tag of that kind and keeps the operator's words", () => {
    expect(withOwnerTag(undefined, "cust", 7)).toBe("isp:cust=7");
    expect(withOwnerTag("isp:cust=6 tower 3", "cust", 7)).toBe("isp:cust=7 tower 3");
    expect(withOwnerTag("isp:pkg=2", "cust", 7)).toBe("isp:cust=7 isp:pkg=2");
  });
});

describe("ASCII on writes", () => {
  it("accepts printable ASCII, tabs and newlines", () => {
    expect(isWritableAscii("isp:cust=1001 \t\r\n ~")).toBe(true);
    expect(assertWritableAscii("comment", "0712345678")).toBe("0712345678");
  });

  it("refuses anything RouterOS would give back as '?'", () => {
    for (const value of ["José", "Ωmega", "名字", "emoji 🙂", "nul\u0000", "del\u007f"]) {
      expect(isWritableAscii(value)).toBe(false);
      expect(() => assertWritableAscii("comment", value)).toThrow(RouterOsValueError);
    }
    expect(() => assertWritableAscii("comment", "José")).toThrow("comment: only ASCII can be written to a router (found U+00E9)");
  });

  it("offers a best-effort ASCII label", () => {
    expect(toAscii("José Núñez")).toBe("Jose Nunez");
    expect(toAscii("名字 Ali", "?")).toBe("?? Ali");
  });
});
