import { describe, expect, it } from "vitest";
import { instantError, parseInstant, parseLocalDateTime } from "./zoned-time";

describe("dates typed or imported", () => {
  it("reads ISO instants as written and local dates in the ISP's zone", () => {
    expect(parseInstant("2027-01-31T23:59:00Z", "Africa/Nairobi")?.toISOString()).toBe("2027-01-31T23:59:00.000Z");
    expect(parseInstant("2027-01-31T23:59+05:45", "UTC")?.toISOString()).toBe("2027-01-31T18:14:00.000Z");
    expect(parseInstant("2027-01-31", "Africa/Nairobi")?.toISOString()).toBe("2027-01-30T21:00:00.000Z");
    expect(parseInstant(" 2027-01-31 23:59 ", "Africa/Nairobi")?.toISOString()).toBe("2027-01-31T20:59:00.000Z");
    expect(parseLocalDateTime("2028-02-29T10:00:30", "UTC")?.toISOString()).toBe("2028-02-29T10:00:30.000Z");
  });

  it("refuses what PostgreSQL or a reader could take wrongly", () => {
    for (const bad of ["+099999-01-01T00:00:00Z", "99999-01-01", "1969-12-31", "2027-02-29", "2027-13-01", "2027-01-31T24:00Z", "31/01/2027", "01/31/2027", "Jan 31 2027", "2027-01-31Tnoon", ""]) {
      expect(parseInstant(bad, "UTC"), bad).toBeNull();
    }
    expect(instantError("31/01/2027")).toMatch(/could be day\/month or month\/day/);
    expect(instantError("+099999-01-01")).toMatch(/A date from 1970 to 9999/);
  });
});
