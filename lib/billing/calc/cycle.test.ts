import { describe, expect, it } from "vitest";
import { billingPeriodContaining, daysInLocalMonth, dueAt, graceEndsAt, localDate, localDaysBetween, nextPeriod, startOfLocalDay, type BillingAnchor } from "./cycle";
import { seeded } from "./test-random";

const at = (s: string) => new Date(s);
const iso = (d: Date) => d.toISOString();

describe("billingPeriodContaining", () => {
  it("runs from local midnight of the billing day at UTC+05:45", () => {
    const p = billingPeriodContaining(at("2027-03-04T20:00:00Z"), { billingDay: 5 }, "Asia/Kathmandu"); // 5 March 01:45 local
    expect({ ...p, start: iso(p.start), end: iso(p.end) }).toEqual({ start: "2027-03-04T18:15:00.000Z", end: "2027-04-04T18:15:00.000Z", key: "2027-03-05", days: 31 });
    // one millisecond before local midnight belongs to the February period
    expect(billingPeriodContaining(at("2027-03-04T18:14:59.999Z"), { billingDay: 5 }, "Asia/Kathmandu").key).toBe("2027-02-05");
    expect(billingPeriodContaining(at("2027-03-04T18:15:00.000Z"), { billingDay: 5 }, "Asia/Kathmandu").key).toBe("2027-03-05");
  });

  it("a period across St John's DST start has 31 local days but 743 hours (-03:30 to -02:30)", () => {
    const p = billingPeriodContaining(at("2027-03-20T00:00:00Z"), { billingDay: 1 }, "America/St_Johns");
    expect([iso(p.start), iso(p.end), p.key, p.days]).toEqual(["2027-03-01T03:30:00.000Z", "2027-04-01T02:30:00.000Z", "2027-03-01", 31]);
    expect(p.end.getTime() - p.start.getTime()).toBe((31 * 24 - 1) * 3_600_000);
  });

  it("Berlin: a period containing the autumn change is an hour longer; January wraps to December", () => {
    const p = billingPeriodContaining(at("2027-10-31T12:00:00Z"), { billingDay: 15 }, "Europe/Berlin");
    expect([iso(p.start), iso(p.end), p.days]).toEqual(["2027-10-14T22:00:00.000Z", "2027-11-14T23:00:00.000Z", 31]);
    expect(billingPeriodContaining(at("2027-01-10T12:00:00Z"), { billingDay: 15 }, "Europe/Berlin").key).toBe("2026-12-15");
  });

  it("anniversary on the 31st clamps to short months and returns to the 31st; leap Februaries get the 29th", () => {
    const tz = "Europe/Berlin";
    const anchor: BillingAnchor = { anniversary: at("2027-01-31T14:00:00Z") };
    let p = billingPeriodContaining(at("2027-02-10T00:00:00Z"), anchor, tz);
    expect(p.key).toBe("2027-01-31");
    const keys = [p.key];
    for (let i = 0; i < 13; i++) keys.push((p = nextPeriod(p, anchor, tz)).key);
    expect(keys).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30", "2027-07-31", "2027-08-31", "2027-09-30", "2027-10-31", "2027-11-30", "2027-12-31", "2028-01-31", "2028-02-29"]);
    // 1-27 February belongs to the period that began on 31 January
    expect(billingPeriodContaining(at("2027-02-27T12:00:00Z"), anchor, tz).key).toBe("2027-01-31");
    expect(billingPeriodContaining(at("2027-03-30T12:00:00Z"), anchor, tz)).toMatchObject({ key: "2027-02-28", days: 31 });
  });

  it("anniversary on the 30th and the 29th", () => {
    const tz = "Asia/Kathmandu";
    const thirty: BillingAnchor = { anniversary: at("2027-01-30T06:00:00Z") };
    const p = billingPeriodContaining(at("2027-02-15T00:00:00Z"), thirty, tz);
    expect([p.key, nextPeriod(p, thirty, tz).key, nextPeriod(nextPeriod(p, thirty, tz), thirty, tz).key]).toEqual(["2027-01-30", "2027-02-28", "2027-03-30"]);
    const leap: BillingAnchor = { anniversary: at("2028-02-29T06:00:00Z") };
    expect(billingPeriodContaining(at("2029-03-01T00:00:00Z"), leap, tz).key).toBe("2029-02-28");
    expect(billingPeriodContaining(at("2029-03-30T00:00:00Z"), leap, tz).key).toBe("2029-03-29");
  });

  it("the anniversary's day is its LOCAL day: 20:00 UTC on the 30th is the 31st in Kathmandu", () => {
    const anchor: BillingAnchor = { anniversary: at("2027-01-30T20:00:00Z") };
    expect(billingPeriodContaining(at("2027-03-31T00:00:00Z"), anchor, "Asia/Kathmandu").key).toBe("2027-03-31");
    expect(billingPeriodContaining(at("2027-03-31T00:00:00Z"), anchor, "UTC").key).toBe("2027-03-30");
  });

  it("refuses billing days a month might lack", () => {
    for (const billingDay of [0, 29, 31, 1.5]) expect(() => billingPeriodContaining(at("2027-01-01T00:00:00Z"), { billingDay }, "UTC")).toThrow(/billing day/);
    expect(() => billingPeriodContaining(at("2027-01-01T00:00:00Z"), {} as BillingAnchor, "UTC")).toThrow(/billing day or an anniversary/);
  });

  it("property: consecutive periods tile time with no gap or overlap and contain what they claim", () => {
    const r = seeded(7);
    const zones = ["Asia/Kathmandu", "America/St_Johns", "Europe/Berlin", "America/Havana", "Pacific/Apia"];
    for (let i = 0; i < 150; i++) {
      const tz = r.pick(zones);
      const anchor: BillingAnchor = r.int(0, 1) ? { billingDay: r.int(1, 28) } : { anniversary: new Date(Date.UTC(2026, 0, r.int(1, 365), r.int(0, 23))) };
      let p = billingPeriodContaining(new Date(Date.UTC(2026, 0, 1) + r.int(0, 700) * 86_400_000), anchor, tz);
      for (let k = 0; k < 14; k++) {
        const next = nextPeriod(p, anchor, tz);
        expect(next.start).toEqual(p.end);
        expect(localDate(p.start, tz)).toBe(p.key);
        expect(localDaysBetween(p.start, p.end, tz)).toBe(p.days);
        expect(p.days).toBeGreaterThanOrEqual(28);
        expect(p.days).toBeLessThanOrEqual(31);
        const inside = new Date(p.start.getTime() + r.int(0, p.end.getTime() - p.start.getTime() - 1));
        expect(billingPeriodContaining(inside, anchor, tz).key).toBe(p.key);
        p = next;
      }
    }
  });
});

describe("due dates and grace", () => {
  it("due after N days means payable through the whole local day issued + N (exclusive bound at next midnight)", () => {
    // issued 10:00 on 5 March in Kathmandu, 7 days -> payable through 12 March, overdue from 13 March 00:00 local
    expect(iso(dueAt(at("2027-03-05T04:15:00Z"), 7, "Asia/Kathmandu"))).toBe("2027-03-12T18:15:00.000Z");
    expect(iso(dueAt(at("2027-03-05T04:15:00Z"), 0, "Asia/Kathmandu"))).toBe("2027-03-05T18:15:00.000Z");
    // issued 23:59 local: still the same local day
    expect(iso(dueAt(at("2027-03-05T18:14:00Z"), 0, "Asia/Kathmandu"))).toBe("2027-03-05T18:15:00.000Z");
  });

  it("across St John's DST start the due midnight moves from -03:30 to -02:30; grace counts local days", () => {
    const issued = at("2027-03-10T15:30:00Z"); // 12:00 NST
    expect(iso(dueAt(issued, 3, "America/St_Johns"))).toBe("2027-03-14T03:30:00.000Z"); // 00:00 NST on the 14th
    expect(iso(dueAt(issued, 4, "America/St_Johns"))).toBe("2027-03-15T02:30:00.000Z"); // 00:00 NDT on the 15th
    expect(iso(graceEndsAt(at("2027-03-14T03:30:00Z"), 5, "America/St_Johns"))).toBe("2027-03-19T02:30:00.000Z");
    expect(iso(graceEndsAt(at("2027-03-14T03:30:00Z"), 0, "America/St_Johns"))).toBe("2027-03-14T03:30:00.000Z");
  });

  it("Berlin autumn: grace across the change is still whole local days", () => {
    const due = dueAt(at("2027-10-20T10:00:00Z"), 10, "Europe/Berlin");
    expect(iso(due)).toBe("2027-10-30T22:00:00.000Z"); // 31 Oct 00:00 CEST
    expect(iso(graceEndsAt(due, 3, "Europe/Berlin"))).toBe("2027-11-02T23:00:00.000Z"); // 3 Nov 00:00 CET
  });

  it("refuses negative or fractional days", () => {
    expect(() => dueAt(at("2027-01-01T00:00:00Z"), -1, "UTC")).toThrow(/Due days/);
    expect(() => graceEndsAt(at("2027-01-01T00:00:00Z"), 0.5, "UTC")).toThrow(/Grace days/);
  });
});

describe("local calendar helpers", () => {
  it("localDate and startOfLocalDay at UTC+05:45 and UTC-03:30", () => {
    expect(localDate(at("2026-12-31T18:15:00Z"), "Asia/Kathmandu")).toBe("2027-01-01");
    expect(localDate(at("2026-12-31T18:14:59Z"), "Asia/Kathmandu")).toBe("2026-12-31");
    expect(localDate(at("2027-01-01T03:29:59Z"), "America/St_Johns")).toBe("2026-12-31");
    expect(iso(startOfLocalDay("2027-01-01", "Asia/Kathmandu"))).toBe("2026-12-31T18:15:00.000Z");
    expect(iso(startOfLocalDay("2027-01-01", "America/St_Johns"))).toBe("2027-01-01T03:30:00.000Z");
    expect(iso(startOfLocalDay("2027-07-01", "America/St_Johns"))).toBe("2027-07-01T02:30:00.000Z");
  });

  it("where midnight itself is skipped (Havana springs forward at 00:00), the day starts at 01:00", () => {
    const start = startOfLocalDay("2027-03-14", "America/Havana");
    expect(localDate(start, "America/Havana")).toBe("2027-03-14");
    expect(localDate(new Date(start.getTime() - 1), "America/Havana")).toBe("2027-03-13");
    expect(iso(start)).toBe("2027-03-14T05:00:00.000Z");
  });

  it("property: startOfLocalDay is the first instant of that local day, in every zone we test", () => {
    const r = seeded(3);
    const zones = ["Asia/Kathmandu", "America/St_Johns", "Europe/Berlin", "America/Havana", "America/Santiago", "Asia/Beirut", "Pacific/Apia", "Australia/Lord_Howe"];
    for (let i = 0; i < 2000; i++) {
      const tz = r.pick(zones);
      const day = new Date(Date.UTC(2025, 0, 1) + r.int(0, 4 * 366) * 86_400_000).toISOString().slice(0, 10);
      const start = startOfLocalDay(day, tz);
      expect(localDate(start, tz)).toBe(day);
      expect(localDate(new Date(start.getTime() - 1), tz)).not.toBe(day);
    }
  });

  it("refuses impossible dates", () => {
    for (const bad of ["2027-02-29", "2027-13-01", "27-01-01", "2027-1-1", ""]) expect(() => startOfLocalDay(bad, "UTC")).toThrow(/YYYY-MM-DD/);
  });

  it("daysInLocalMonth reads the month in the zone, leap years included", () => {
    expect(daysInLocalMonth("2028-02-10", "UTC")).toBe(29);
    expect(daysInLocalMonth("2027-02-10", "UTC")).toBe(28);
    expect(daysInLocalMonth("2100-02-01", "UTC")).toBe(28);
    expect(daysInLocalMonth("2000-02-01", "UTC")).toBe(29);
    expect(daysInLocalMonth(at("2027-01-31T20:00:00Z"), "Asia/Kathmandu")).toBe(28); // already 1 February there
    expect(daysInLocalMonth(at("2027-01-31T20:00:00Z"), "America/St_Johns")).toBe(31);
  });

  it("localDaysBetween counts calendar days: 23- and 25-hour days are one, minutes across midnight are one", () => {
    expect(localDaysBetween(at("2027-03-27T12:00:00Z"), at("2027-03-28T11:00:00Z"), "Europe/Berlin")).toBe(1);
    expect(localDaysBetween(at("2027-10-30T12:00:00Z"), at("2027-10-31T13:00:00Z"), "Europe/Berlin")).toBe(1);
    expect(localDaysBetween(at("2027-01-01T18:10:00Z"), at("2027-01-01T18:20:00Z"), "Asia/Kathmandu")).toBe(1);
    expect(localDaysBetween(at("2027-01-01T18:20:00Z"), at("2027-01-01T18:10:00Z"), "Asia/Kathmandu")).toBe(-1);
    expect(localDaysBetween(at("2027-03-01T03:30:00Z"), at("2027-04-01T02:30:00Z"), "America/St_Johns")).toBe(31);
    expect(localDaysBetween(at("2027-01-01T12:00:00Z"), at("2028-01-01T12:00:00Z"), "UTC")).toBe(365);
  });
});
