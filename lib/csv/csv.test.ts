import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "./csv";

describe("CSV", () => {
  it("parses quotes, commas, newlines in fields, CRLF and a BOM", () => {
    expect(parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\n\n1,,3')).toEqual([
      ["a", "b", "c"],
      ["x, y", 'say "hi"', "two\nlines"],
      ["1", "", "3"],
    ]);
  });
  it("writes what it reads, and defuses spreadsheet formulas", () => {
    const text = toCsv(["name", "note"], [["A, B", 'He said "no"'], ["=cmd()", null]]);
    expect(parseCsv(text)).toEqual([["name", "note"], ["A, B", 'He said "no"'], ["'=cmd()", ""]]);
  });
});
