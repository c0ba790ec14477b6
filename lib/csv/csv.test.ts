import { describe, expect, it } from "vitest";
import { parseCsv, readCsv, toCsv } from "./csv";

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

  it("numbers each record by the line it starts on, across quoted newlines, CRLF and lone CR", () => {
    const { records, problems } = readCsv('h1,h2\r\n"a\r\nb",1\r\nc,2\rd,3\n\n"e\n\nf",4\n');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, cells: ["h1", "h2"] },
      { line: 2, cells: ["a\r\nb", "1"] },
      { line: 4, cells: ["c", "2"] },
      { line: 5, cells: ["d", "3"] },
      { line: 7, cells: ["e\n\nf", "4"] },
    ]);
  });

  it("reads ; and tab separated files (Excel in many locales) and keeps the other separators as text", () => {
    expect(readCsv("name;note\nDave, D;x\n")).toMatchObject({ separator: ";", records: [{ cells: ["name", "note"] }, { cells: ["Dave, D", "x"] }] });
    expect(readCsv("name\tnote\nA;B\t\"q\"\"\"\n")).toMatchObject({ separator: "\t", records: [{ cells: ["name", "note"] }, { cells: ["A;B", 'q"'] }] });
  });

  it("a broken quote is reported on its line and does not swallow the rows after it", () => {
    const text = ["username,name,mobile", 'bob,"Bob B,+254700000002', "carol,Carol C,+254700000003", 'dave,"Dave, D",+254700000004', 'erin,"Erin" E,1'].join("\n");
    const { records, problems } = readCsv(text);
    expect(records.map((r) => [r.line, r.cells[0], r.cells[1]])).toEqual([
      [1, "username", "name"],
      [3, "carol", "Carol C"],
      [4, "dave", "Dave, D"],
    ]);
    expect(problems).toEqual([
      { line: 2, message: expect.stringMatching(/opened on line 2.*found "D" on line 4/) },
      { line: 5, message: expect.stringMatching(/opened on line 5.*found " " on line 5/) },
    ]);
    expect(readCsv('a,b\n1,"never closed\n2,x\n')).toEqual({
      separator: ",",
      records: [{ line: 1, cells: ["a", "b"] }, { line: 3, cells: ["2", "x"] }],
      problems: [{ line: 2, message: "The quote opened on line 2 is never closed." }],
    });
  });

  it("keeps operator text literally: back-quotes, %{...}, quotes inside a field, non-ASCII, NUL", () => {
    const { records } = readCsv('n\n"`id` %{User-Name} ""q"" Zoë 東京 \u0000"\nO"Brien\n');
    expect(records.map((r) => r.cells[0])).toEqual(["n", '`id` %{User-Name} "q" Zoë 東京 \u0000', 'O"Brien']);
  });
});
