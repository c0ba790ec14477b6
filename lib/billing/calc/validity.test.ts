import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { localDate, localDaysBetween } from "./cycle";
import { toLocal } from "./local-time";
import { seeded } from "./test-random";
import { extendValidity, extendValidityFromAnchor, renewalStart } from "./validity";

const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);

describe("extendValidity", () => {
  it("hours are exact elapsed time, even across a DST change", () => {
    expect(iso(extendValidity(at("2027-03-28T00:30:00Z"), 2, "HOUR", "Europe/Berlin"))).toBe("2027-03-28T02:30:00.000Z");
    expect(iso(extendValidity(at("2027-03-27T11:00:00Z"), 24, "HOUR", "Europe/Berlin"))).toBe("2027-03-28T11:00:00.000Z");
    expect(iso(extendValidity(at("2027-01-01T00:00:00.123Z"), 1, "HOUR", "Asia/Kathmandu"))).toBe("2027-01-01T01:00:00.123Z");
  });

  it("days keep the local wall-clock time at UTC+05:45", () => {
    // 2027-01-01 23:50 in Kathmandu is 18:05 UTC; 30 days later 23:50 local on 31 January.
    expect(iso(extendValidity(at("2027-01-01T18:05:00Z"), 30, "DAY", "Asia/Kathmandu"))).toBe("2027-01-31T18:05:00.000Z");
  });

  it("a day across Berlin's spring change is 23 hours, across the autumn change 25", () => {
    expect(iso(extendValidity(at("2027-03-27T11:00:00Z"), 1, "DAY", "Europe/Berlin"))).toBe("2027-03-28T10:00:00.000Z");
    expect(iso(extendValidity(at("2027-10-30T10:00:00Z"), 1, "DAY", "Europe/Berlin"))).toBe("2027-10-31T11:00:00.000Z");
  });

  it("a wall time that does not exist moves forward; one that happens twice takes the earlier", () => {
    // 02:30 on 28 March 2027 does not exist in Berlin: 03:30 CEST.
    expect(iso(extendValidity(at("2027-03-27T01:30:00Z"), 1, "DAY", "Europe/Berlin"))).toBe("2027-03-28T01:30:00.000Z");
    // 02:30 on 31 October 2027 happens twice: the first (CEST, 00:30 UTC).
    expect(iso(extendValidity(at("2027-10-30T00:30:00Z"), 1, "DAY", "Europe/Berlin"))).toBe("2027-10-31T00:30:00.000Z");
  });

  it("weeks and days at UTC-03:30 across St John's DST start (14 March 2027, 02:00 -> 03:00)", () => {
    // 12:00 NST (UTC-03:30) -> 12:00 NDT (UTC-02:30)
    expect(iso(extendValidity(at("2027-03-13T15:30:00Z"), 1, "WEEK", "America/St_Johns"))).toBe("2027-03-20T14:30:00.000Z");
    // 02:30 NST on the 13th -> 02:30 on the 14th does not exist -> 03:30 NDT
    expect(iso(extendValidity(at("2027-03-13T06:00:00Z"), 1, "DAY", "America/St_Johns"))).toBe("2027-03-14T06:00:00.000Z");
    // autumn: 7 November 2027, 12:00 NDT -> 12:00 NST next day
    expect(iso(extendValidity(at("2027-11-06T14:30:00Z"), 1, "DAY", "America/St_Johns"))).toBe("2027-11-07T15:30:00.000Z");
  });

  it("31 January + 1 month is the last day of February at the same local time, 29th in leap years", () => {
    // 10:00 in Kathmandu = 04:15 UTC
    expect(iso(extendValidity(at("2027-01-31T04:15:00Z"), 1, "MONTH", "Asia/Kathmandu"))).toBe("2027-02-28T04:15:00.000Z");
    expect(iso(extendValidity(at("2028-01-31T04:15:00Z"), 1, "MONTH", "Asia/Kathmandu"))).toBe("2028-02-29T04:15:00.000Z");
    expect(iso(extendValidity(at("2028-02-29T04:15:00Z"), 12, "MONTH", "Asia/Kathmandu"))).toBe("2029-02-28T04:15:00.000Z");
    expect(iso(extendValidity(at("2027-03-31T04:15:00Z"), 1, "MONTH", "Asia/Kathmandu"))).toBe("2027-04-30T04:15:00.000Z");
    expect(iso(extendValidity(at("2027-12-31T04:15:00Z"), 2, "MONTH", "Asia/Kathmandu"))).toBe("2028-02-29T04:15:00.000Z");
  });

  it("uses the LOCAL day of month: 31 January 23:00 in St John's is 1 February in UTC", () => {
    // 2027-01-31 23:00 NST = 2027-02-01 02:30 UTC; + 1 month = 28 Feb 23:00 NST
    expect(iso(extendValidity(at("2027-02-01T02:30:00Z"), 1, "MONTH", "America/St_Johns"))).toBe("2027-03-01T02:30:00.000Z");
    // a month across the DST start keeps 23:00 local: 13 Mar 23:00 NST -> 13 Apr 23:00 NDT
    expect(iso(extendValidity(at("2027-03-14T02:30:00Z"), 1, "MONTH", "America/St_Johns"))).toBe("2027-04-14T01:30:00.000Z");
  });

  it("chaining from the stored expiry clamps for good; the anchor variant returns to the 31st", () => {
    const tz = "Europe/Berlin";
    const start = at("2027-01-31T09:00:00Z"); // 10:00 CET
    const chained = [start];
    const anchored = [start];
    for (let i = 0; i < 4; i++) {
      chained.push(extendValidity(chained.at(-1)!, 1, "MONTH", tz));
      anchored.push(extendValidityFromAnchor(anchored.at(-1)!, 1, "MONTH", 31, tz));
    }
    expect(chained.map((d) => localDate(d, tz))).toEqual(["2027-01-31", "2027-02-28", "2027-03-28", "2027-04-28", "2027-05-28"]);
    expect(anchored.map((d) => localDate(d, tz))).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"]);
    expect(anchored.map((d) => toLocal(d, tz).hour)).toEqual([10, 10, 10, 10, 10]);
    expect(iso(extendValidityFromAnchor(start, 3, "DAY", 31, tz))).toBe(iso(extendValidity(start, 3, "DAY", tz)));
  });

  it("refuses nonsense loudly", () => {
    const from = at("2027-01-01T00:00:00Z");
    for (const v of [0, -1, 1.5, Number.NaN, 10_000_000]) expect(() => extendValidity(from, v, "DAY", "UTC")).toThrow(AppError);
    expect(() => extendValidity(from, 1, "YEAR" as "DAY", "UTC")).toThrow(/Unknown validity unit/);
    expect(() => extendValidity(from, 1, "DAY", "Mars/Olympus")).toThrow(/Unknown time zone/);
    expect(() => extendValidity(new Date(Number.NaN), 1, "DAY", "UTC")).toThrow(/invalid date/);
    expect(() => extendValidityFromAnchor(from, 1, "MONTH", 32, "UTC")).toThrow(/anniversary day/);
  });

  it("property: N local days later is N calendar days later at the same wall time (outside gaps)", () => {
    const r = seeded(11);
    const zones = ["Asia/Kathmandu", "America/St_Johns", "Europe/Berlin", "Africa/Nairobi", "Australia/Lord_Howe"];
    for (let i = 0; i < 3000; i++) {
      const tz = r.pick(zones);
      const from = new Date(Date.UTC(2026, 0, 1) + r.int(0, 3 * 365 * 24 * 60) * 60_000);
      const n = r.int(1, 400);
      const to = extendValidity(from, n, "DAY", tz);
      expect(localDaysBetween(from, to, tz)).toBe(n);
      const a = toLocal(from, tz);
      const b = toLocal(to, tz);
      const span = to.getTime() - from.getTime();
      if (b.hour === a.hour && b.minute === a.minute) expect(Math.abs(span - n * 86_400_000)).toBeLessThanOrEqual(3_600_000);
      else expect(b.hour * 60 + b.minute).toBeGreaterThan(a.hour * 60 + a.minute); // only a gap pushes it later
    }
  });
});

describe("renewalStart", () => {
  const now = at("2027-05-01T12:00:00Z");
  it("extends from the expiry while it is ahead, from now once it has passed or never existed", () => {
    expect(renewalStart(now, at("2027-05-10T00:00:00Z"))).toEqual(at("2027-05-10T00:00:00Z"));
    expect(renewalStart(now, at("2027-04-10T00:00:00Z"))).toEqual(now);
    expect(renewalStart(now, now)).toEqual(now);
    expect(renewalStart(now, null)).toEqual(now);
  });
});
