import { describe, expect, it } from "vitest";
import { addCivilDays, addCivilMonths, civilDaysBetween, fromLocal, parseCivil, toLocal } from "./local-time";

const iso = (d: Date) => d.toISOString();

describe("wall-clock <-> instant", () => {
  it("reads and writes fixed odd offsets to the millisecond", () => {
    expect(toLocal(new Date("2027-01-01T00:00:00.250Z"), "Asia/Kathmandu")).toEqual({ year: 2027, month: 1, day: 1, hour: 5, minute: 45, second: 0, millisecond: 250 });
    expect(iso(fromLocal({ year: 2027, month: 1, day: 1, hour: 5, minute: 45, second: 0, millisecond: 250 }, "Asia/Kathmandu"))).toBe("2027-01-01T00:00:00.250Z");
    expect(iso(fromLocal({ year: 2027, month: 1, day: 1 }, "America/St_Johns"))).toBe("2027-01-01T03:30:00.000Z");
  });

  it("a repeated wall time is the earlier instant; a skipped one moves forward by the gap", () => {
    // St John's, 7 Nov 2027: 01:30 happens at -02:30 and again at -03:30
    expect(iso(fromLocal({ year: 2027, month: 11, day: 7, hour: 1, minute: 30 }, "America/St_Johns"))).toBe("2027-11-07T04:00:00.000Z");
    // St John's, 14 Mar 2027: 02:15 does not exist -> 03:15 NDT
    expect(iso(fromLocal({ year: 2027, month: 3, day: 14, hour: 2, minute: 15 }, "America/St_Johns"))).toBe("2027-03-14T05:45:00.000Z");
    // Lord Howe shifts by 30 minutes: 02:15 on 3 Oct 2027 does not exist -> 02:45 (+11)
    expect(iso(fromLocal({ year: 2027, month: 10, day: 3, hour: 2, minute: 15 }, "Australia/Lord_Howe"))).toBe("2027-10-02T15:45:00.000Z");
  });

  it("the cached reading agrees with Intl to the second, every three hours of 2026-2027 and around each transition", () => {
    const zones = ["Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe", "America/Havana", "Pacific/Apia", "Africa/Monrovia"];
    for (const tz of zones) {
      const intl = new Intl.DateTimeFormat("en-CA", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
      const fromIntl = (d: Date) => intl.format(d).replace(", ", "T");
      const ours = (d: Date) => {
        const l = toLocal(d, tz);
        const two = (n: number) => String(n).padStart(2, "0");
        return `${l.year}-${two(l.month)}-${two(l.day)}T${two(l.hour)}:${two(l.minute)}:${two(l.second)}`;
      };
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 181 * 60_000 + 13_000) expect(ours(new Date(t)), tz).toBe(fromIntl(new Date(t)));
      // every 10 s for half an hour either side of 2027's transitions (Berlin, St John's)
      for (const change of ["2027-03-28T01:00:00Z", "2027-10-31T01:00:00Z", "2027-03-14T05:30:00Z", "2027-11-07T04:30:00Z"]) {
        const c = new Date(change).getTime();
        for (let t = c - 1_800_000; t < c + 1_800_000; t += 10_000) expect(ours(new Date(t)), tz).toBe(fromIntl(new Date(t)));
      }
      // Monrovia moved from -00:44:30 to UTC on 7 January 1972, mid-slot: read each 5 s around it
      for (let t = Date.UTC(1972, 0, 7, 0, 35); t < Date.UTC(1972, 0, 7, 0, 55); t += 5000) expect(ours(new Date(t)), tz).toBe(fromIntl(new Date(t)));
    }
  });

  it("round-trips every 127 minutes of a DST year except the skipped ones", () => {
    for (const tz of ["Europe/Berlin", "America/St_Johns", "Asia/Kathmandu"]) {
      for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 127 * 60_000) {
        const local = toLocal(new Date(t), tz);
        const back = fromLocal(local, tz).getTime();
        // a repeated hour maps back to its first occurrence, one hour earlier at most
        expect(back === t || back === t - 3_600_000).toBe(true);
      }
    }
  });
});

describe("civil dates", () => {
  it("moves by days and months, clamping to month ends and keeping an anchor day", () => {
    expect(addCivilDays({ year: 2027, month: 12, day: 31 }, 1)).toEqual({ year: 2028, month: 1, day: 1 });
    expect(addCivilDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addCivilMonths({ year: 2027, month: 1, day: 31 }, 1)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(addCivilMonths({ year: 2027, month: 2, day: 28 }, 1, 31)).toEqual({ year: 2027, month: 3, day: 31 });
    expect(addCivilMonths({ year: 2027, month: 1, day: 15 }, -1)).toEqual({ year: 2026, month: 12, day: 15 });
    expect(addCivilMonths({ year: 2027, month: 3, day: 31 }, -13)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(civilDaysBetween({ year: 2028, month: 1, day: 1 }, { year: 2029, month: 1, day: 1 })).toBe(366);
  });

  it("parses only real dates", () => {
    expect(parseCivil("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(() => parseCivil("2027-02-29")).toThrow(/YYYY-MM-DD/);
    expect(() => parseCivil("2027-04-31")).toThrow(/YYYY-MM-DD/);
  });
});
