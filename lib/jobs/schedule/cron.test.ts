import { describe, expect, it } from "vitest";
import { cronOccurrences } from "./cron";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("cron occurrences in a time zone", () => {
  it("midnight in Nairobi (UTC+3) is 21:00 UTC the day before", () => {
    const t = { expression: "0 0 * * *", timezone: "Africa/Nairobi" };
    expect(iso(cronOccurrences(t, new Date("2026-03-01T20:00:00Z"), new Date("2026-03-01T20:59:59Z")))).toEqual([]);
    expect(iso(cronOccurrences(t, new Date("2026-03-01T20:00:00Z"), new Date("2026-03-01T21:00:00Z")))).toEqual(["2026-03-01T21:00:00.000Z"]);
  });

  it("follows daylight saving time (New York, March 2026)", () => {
    const t = { expression: "0 0 * * *", timezone: "America/New_York" };
    expect(iso(cronOccurrences(t, new Date("2026-03-06T12:00:00Z"), new Date("2026-03-10T12:00:00Z")))).toEqual([
      "2026-03-07T05:00:00.000Z",
      "2026-03-08T05:00:00.000Z",
      "2026-03-09T04:00:00.000Z",
      "2026-03-10T04:00:00.000Z",
    ]);
  });

  it("handles half- and quarter-hour offsets (Kathmandu +05:45)", () => {
    const t = { expression: "30 8 1 * *", timezone: "Asia/Kathmandu" };
    expect(iso(cronOccurrences(t, new Date("2026-01-01T00:00:00Z"), new Date("2026-03-31T00:00:00Z")))).toEqual([
      "2026-01-01T02:45:00.000Z",
      "2026-02-01T02:45:00.000Z",
      "2026-03-01T02:45:00.000Z",
    ]);
  });

  it("is exclusive of the start and inclusive of the end, and catches up after downtime", () => {
    const t = { expression: "0 * * * *" };
    const got = cronOccurrences(t, new Date("2026-05-01T10:00:00Z"), new Date("2026-05-01T13:00:00Z"));
    expect(iso(got)).toEqual(["2026-05-01T11:00:00.000Z", "2026-05-01T12:00:00.000Z", "2026-05-01T13:00:00.000Z"]);
    expect(cronOccurrences(t, new Date("2026-05-01T00:00:00Z"), new Date("2026-06-01T00:00:00Z"), 10)).toHaveLength(10);
  });
});
