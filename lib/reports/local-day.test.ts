import { describe, expect, it } from "vitest";
import { localDate, localDayRange, localMidnight, previousDay } from "./local-day";

describe("local days", () => {
  it("reads the calendar date in the tenant's zone", () => {
    expect(localDate(new Date("2026-06-30T21:30:00Z"), "Africa/Nairobi")).toBe("2026-07-01");
    expect(localDate(new Date("2026-06-30T21:30:00Z"), "America/Sao_Paulo")).toBe("2026-06-30");
  });

  it("finds local midnight as a UTC instant, DST included", () => {
    expect(localMidnight("2026-07-01", "Asia/Dhaka").toISOString()).toBe("2026-06-30T18:00:00.000Z");
    expect(localMidnight("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(localMidnight("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(localMidnight("2026-01-15", "Asia/Kathmandu").toISOString()).toBe("2026-01-14T18:15:00.000Z");
  });

  it("a DST day in New York is 23 hours long", () => {
    const { start, end } = localDayRange("2026-03-08", "America/New_York");
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
    expect(previousDay("2026-03-01")).toBe("2026-02-28");
  });
});
