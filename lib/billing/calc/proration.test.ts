import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { billingPeriodContaining, startOfLocalDay } from "./cycle";
import { dailyCharge, dailyChargeBalanced, packageChangeQuote, prorate, prorateRange } from "./proration";
import { seeded } from "./test-random";

const at = (s: string) => new Date(s);

describe("prorate", () => {
  it("is exact and rounds half-up, away from zero for negatives", () => {
    expect(prorate(3000n, 15, 30)).toBe(1500n);
    expect(prorate(1000n, 1, 3)).toBe(333n); // 333.33
    expect(prorate(2000n, 1, 3)).toBe(667n); // 666.67
    expect(prorate(1n, 1, 2)).toBe(1n); // 0.5
    expect(prorate(5n, 1, 2)).toBe(3n); // 2.5
    expect(prorate(-5n, 1, 2)).toBe(-3n);
    expect(prorate(-1000n, 1, 3)).toBe(-333n);
    expect(prorate(7n, 0, 31)).toBe(0n);
    expect(prorate(7n, 31, 31)).toBe(7n);
    // beyond 2^53: no float anywhere
    expect(prorate(999_999_999_999_999_999n, 1, 3)).toBe(333_333_333_333_333_333n);
    expect(prorate(1_000_000_000_000_001n, 15, 30)).toBe(500_000_000_000_001n); // ...000.5 -> up
  });

  it("refuses days outside the period and non-bigint amounts", () => {
    expect(() => prorate(100n, 31, 30)).toThrow(AppError);
    expect(() => prorate(100n, -1, 30)).toThrow(AppError);
    expect(() => prorate(100n, 1.5, 30)).toThrow(AppError);
    expect(() => prorate(100n, 1, 0)).toThrow(AppError);
    expect(() => prorate(100 as unknown as bigint, 1, 30)).toThrow(/minor units/);
  });

  it("property: ranges that partition a period add back to the amount exactly", () => {
    const r = seeded(42);
    for (let i = 0; i < 5000; i++) {
      const amount = r.int(0, 1) ? r.amount() : -r.amount();
      const periodDays = r.int(1, 31);
      const cuts = [0, ...Array.from({ length: r.int(0, 4) }, () => r.int(0, periodDays)), periodDays].sort((a, b) => a - b);
      let sum = 0n;
      for (let k = 1; k < cuts.length; k++) sum += prorateRange(amount, cuts[k - 1]!, cuts[k]!, periodDays);
      expect(sum).toBe(amount);
      // and every slice is within one minor unit of its own exact share
      const days = r.int(0, periodDays);
      const exactTimesP = amount * BigInt(days);
      const slice = prorate(amount, days, periodDays);
      const error = slice * BigInt(periodDays) - exactTimesP;
      expect(error <= BigInt(periodDays) && error >= -BigInt(periodDays)).toBe(true);
      expect(2n * (error < 0n ? -error : error) <= BigInt(periodDays)).toBe(true); // at most half a unit
    }
  });
});

describe("daily charges (prepaid daily)", () => {
  it("price / days in that local month, half-up", () => {
    expect(dailyCharge(3000n, "2027-02-10", "UTC")).toBe(107n); // 107.14
    expect(dailyCharge(3000n, "2028-02-10", "UTC")).toBe(103n); // 103.45
    expect(dailyCharge(1000n, "2027-03-01", "UTC")).toBe(32n); // 32.26
    expect(dailyCharge(3100n, "2027-01-15", "UTC")).toBe(100n);
    expect(dailyCharge(1n, "2027-04-01", "UTC")).toBe(0n);
    expect(dailyCharge(15n, "2027-04-01", "UTC")).toBe(1n); // 0.5
  });

  it("reads an instant's month in the tenant's zone", () => {
    const instant = at("2027-01-31T20:00:00Z"); // 1 February 01:45 in Kathmandu
    expect(dailyCharge(2800n, instant, "Asia/Kathmandu")).toBe(100n);
    expect(dailyCharge(3100n, instant, "America/St_Johns")).toBe(100n);
  });

  it("the balanced variant sums to the monthly price exactly, in every month", () => {
    const r = seeded(5);
    for (const month of ["2027-01", "2027-02", "2028-02", "2027-04"]) {
      for (let i = 0; i < 50; i++) {
        const price = r.amount();
        const days = month === "2027-02" ? 28 : month === "2028-02" ? 29 : month === "2027-04" ? 30 : 31;
        let sum = 0n;
        for (let d = 1; d <= days; d++) {
          const charge = dailyChargeBalanced(price, `${month}-${String(d).padStart(2, "0")}`, "UTC");
          const plain = dailyCharge(price, `${month}-${String(d).padStart(2, "0")}`, "UTC");
          expect(charge - plain <= 1n && plain - charge <= 1n).toBe(true);
          sum += charge;
        }
        expect(sum).toBe(price);
      }
    }
    expect(dailyChargeBalanced(3100n, at("2027-01-31T20:00:00Z"), "Asia/Kathmandu")).toBe(111n); // Feb: 3100*1/28 = 110.7
  });
});

describe("packageChangeQuote", () => {
  it("credits the unused days of the old package and charges the new one; the day of the change is remaining", () => {
    const tz = "Asia/Kathmandu";
    const period = billingPeriodContaining(at("2027-03-15T00:00:00Z"), { billingDay: 1 }, tz); // March, 31 days
    const change = at("2027-03-11T04:15:00Z"); // 11 March 10:00 local: 10 days used
    expect(packageChangeQuote({ oldPriceMinor: 3100n, newPriceMinor: 6200n, period, at: change, timeZone: tz })).toEqual({
      unusedDays: 21,
      periodDays: 31,
      creditMinor: 2100n,
      chargeMinor: 4200n,
      netMinor: 2100n,
    });
    // a downgrade now is a net credit
    expect(packageChangeQuote({ oldPriceMinor: 6200n, newPriceMinor: 3100n, period, at: change, timeZone: tz }).netMinor).toBe(-2100n);
    // on the first day: everything is unused; on the last: one day
    const first = packageChangeQuote({ oldPriceMinor: 3100n, newPriceMinor: 6200n, period, at: period.start, timeZone: tz });
    expect([first.unusedDays, first.creditMinor, first.chargeMinor]).toEqual([31, 3100n, 6200n]);
    const last = packageChangeQuote({ oldPriceMinor: 3100n, newPriceMinor: 6200n, period, at: new Date(period.end.getTime() - 1), timeZone: tz });
    expect([last.unusedDays, last.creditMinor, last.chargeMinor]).toEqual([1, 100n, 200n]);
  });

  it("counts local days across St John's DST start and Berlin's autumn change", () => {
    const stj = billingPeriodContaining(at("2027-03-20T00:00:00Z"), { billingDay: 1 }, "America/St_Johns");
    const q = packageChangeQuote({ oldPriceMinor: 3100n, newPriceMinor: 4650n, period: stj, at: startOfLocalDay("2027-03-15", "America/St_Johns"), timeZone: "America/St_Johns" });
    expect([q.unusedDays, q.periodDays, q.creditMinor, q.chargeMinor]).toEqual([17, 31, 1700n, 2550n]);
    const ber = billingPeriodContaining(at("2027-10-20T00:00:00Z"), { billingDay: 1 }, "Europe/Berlin");
    const b = packageChangeQuote({ oldPriceMinor: 3100n, newPriceMinor: 0n, period: ber, at: at("2027-10-31T22:59:59Z"), timeZone: "Europe/Berlin" });
    expect([b.unusedDays, b.creditMinor, b.chargeMinor, b.netMinor]).toEqual([1, 100n, 0n, -100n]); // 23:59:59 CET on the 31st
  });

  it("refuses a change outside the period", () => {
    const period = billingPeriodContaining(at("2027-03-15T00:00:00Z"), { billingDay: 1 }, "UTC");
    expect(() => packageChangeQuote({ oldPriceMinor: 1n, newPriceMinor: 1n, period, at: period.end, timeZone: "UTC" })).toThrow(/inside the billing period/);
    expect(() => packageChangeQuote({ oldPriceMinor: 1n, newPriceMinor: 1n, period, at: new Date(period.start.getTime() - 1), timeZone: "UTC" })).toThrow(/inside the billing period/);
  });

  it("property: used + credit == old price, and a chain of changes in one period bills exactly the days of each package", () => {
    const r = seeded(2027);
    const zones = ["Asia/Kathmandu", "America/St_Johns", "Europe/Berlin"];
    for (let i = 0; i < 1500; i++) {
      const tz = r.pick(zones);
      const period = billingPeriodContaining(new Date(Date.UTC(2026, 0, 1) + r.int(0, 1000) * 86_400_000), { billingDay: r.int(1, 28) }, tz);
      const prices = Array.from({ length: r.int(1, 4) }, () => r.amount());
      // one package per segment; the customer pays the first in full, then each change nets credit vs charge
      const changes = prices.slice(1).map(() => new Date(period.start.getTime() + r.int(0, period.end.getTime() - period.start.getTime() - 1))).sort((a, b) => a.getTime() - b.getTime());
      let paid = prices[0]!;
      let expected = 0n;
      let usedFrom = 0;
      for (let k = 0; k < changes.length; k++) {
        const q = packageChangeQuote({ oldPriceMinor: prices[k]!, newPriceMinor: prices[k + 1]!, period, at: changes[k]!, timeZone: tz });
        expect(q.periodDays).toBe(period.days);
        expect(q.creditMinor + prorate(prices[k]!, q.periodDays - q.unusedDays, q.periodDays)).toBe(prices[k]!);
        expect(q.netMinor).toBe(q.chargeMinor - q.creditMinor);
        paid += q.netMinor;
        const usedTo = q.periodDays - q.unusedDays;
        expected += prorateRange(prices[k]!, usedFrom, usedTo, q.periodDays);
        usedFrom = usedTo;
      }
      expected += prorateRange(prices.at(-1)!, usedFrom, period.days, period.days);
      expect(paid).toBe(expected);
    }
  });
});
