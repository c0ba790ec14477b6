import { describe, expect, it } from "vitest";
import { getPageCount, parseListQuery, type ListQuerySpec } from "./list-query";

const spec = {
  sortable: ["name", "createdAt", "balance"],
  defaultSort: "createdAt",
  defaultDir: "desc",
  filters: { status: ["active", "suspended"], plan: ["basic", "pro"] },
} as const satisfies ListQuerySpec;

describe("parseListQuery", () => {
  it("returns defaults for empty params", () => {
    expect(parseListQuery({}, spec)).toEqual({
      q: "",
      sort: "createdAt",
      dir: "desc",
      page: 1,
      pageSize: 25,
      filters: { status: undefined, plan: undefined },
      skip: 0,
      take: 25,
    });
  });

  it("defaults dir to asc and filters to {} when the spec has none", () => {
    const query = parseListQuery({}, { sortable: ["name"], defaultSort: "name" });
    expect(query.dir).toBe("asc");
    expect(query.filters).toEqual({});
  });

  it("parses valid values", () => {
    const query = parseListQuery(
      { q: "  alice ", sort: "name", dir: "asc", page: "3", pageSize: "50", status: "active" },
      spec,
    );
    expect(query).toMatchObject({ q: "alice", sort: "name", dir: "asc", page: 3, pageSize: 50 });
    expect(query.filters).toEqual({ status: "active", plan: undefined });
  });

  it("falls back on unknown sort keys and directions", () => {
    const query = parseListQuery({ sort: "password", dir: "sideways" }, spec);
    expect(query.sort).toBe("createdAt");
    expect(query.dir).toBe("desc");
  });

  it.each([
    ["abc", 1],
    ["0", 1],
    ["-4", 1],
    ["2.5", 1],
    ["1e3", 1],
    ["", 1],
    [" 7 ", 7],
    ["100000", 100_000],
    ["100001", 100_000],
    ["9".repeat(400), 100_000],
  ])("clamps page %j to %i", (page, expected) => {
    expect(parseListQuery({ page }, spec).page).toBe(expected);
  });

  it.each(["0", "7", "24", "1000", "abc", "25.5", "25.0", "0x19", ""])("rejects page size %j", (pageSize) => {
    expect(parseListQuery({ pageSize }, spec).pageSize).toBe(25);
  });

  it.each(["10", "25", "50", "100"])("accepts page size %s", (pageSize) => {
    expect(parseListQuery({ pageSize }, spec).pageSize).toBe(Number(pageSize));
  });

  it("trims the search and caps it at 100 characters", () => {
    expect(parseListQuery({ q: "   " }, spec).q).toBe("");
    expect(parseListQuery({ q: ` ${"x".repeat(150)} ` }, spec).q).toBe("x".repeat(100));
    expect(parseListQuery({ q: "😀".repeat(120) }, spec).q).toBe("😀".repeat(100));
  });

  it("uses the first value of repeated params", () => {
    const query = parseListQuery({ q: ["one", "two"], page: ["2", "9"], status: ["suspended", "active"] }, spec);
    expect(query.q).toBe("one");
    expect(query.page).toBe(2);
    expect(query.filters.status).toBe("suspended");
  });

  it("whitelists filter keys and values", () => {
    const query = parseListQuery({ status: "deleted", plan: "pro", role: "admin" }, spec);
    expect(query.filters).toEqual({ status: undefined, plan: "pro" });
    expect(query.filters).not.toHaveProperty("role");
  });

  it("treats filter values case-sensitively", () => {
    expect(parseListQuery({ status: "ACTIVE" }, spec).filters.status).toBeUndefined();
  });

  it("computes skip and take from page and page size", () => {
    expect(parseListQuery({ page: "1", pageSize: "10" }, spec)).toMatchObject({ skip: 0, take: 10 });
    expect(parseListQuery({ page: "4", pageSize: "50" }, spec)).toMatchObject({ skip: 150, take: 50 });
    expect(parseListQuery({ page: "100001", pageSize: "100" }, spec)).toMatchObject({
      page: 100_000,
      skip: 9_999_900,
      take: 100,
    });
  });

  it("ignores undefined values", () => {
    expect(parseListQuery({ q: undefined, page: undefined, status: undefined }, spec)).toMatchObject({
      q: "",
      page: 1,
      filters: { status: undefined },
    });
  });
});

describe("getPageCount", () => {
  it("rounds up and handles empty results", () => {
    expect(getPageCount(0, 25)).toBe(0);
    expect(getPageCount(1, 25)).toBe(1);
    expect(getPageCount(25, 25)).toBe(1);
    expect(getPageCount(26, 25)).toBe(2);
  });
});
