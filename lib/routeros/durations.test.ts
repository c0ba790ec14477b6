import { describe, expect, it } from "vitest";
import { formatRouterOsDuration, parseRouterOsDuration, tryParseRouterOsDuration } from "./durations";

describe("parseRouterOsDuration", () => {
  it.each([
    ["1w2d3h4m5s", 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5],
    ["3h21m", 3 * 3600 + 21 * 60],
    ["45s", 45],
    ["0s", 0],
    ["300ms", 0.3],
    ["1s500ms", 1.5],
    ["00:05:00", 300],
    ["1d02:03:04", 86400 + 2 * 3600 + 3 * 60 + 4],
    ["1w2d03:04:05", 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5],
    ["00:00:01.5", 1.5],
    ["30", 30],
    [" 5m ", 300],
  ])("%s -> %d s", (text, seconds) => {
    expect(parseRouterOsDuration(text)).toBe(seconds);
  });

  it.each(["", "never", "none", "5x", "1h-2m", "12:3", "abc1s"])("refuses %j", (text) => {
    expect(() => parseRouterOsDuration(text)).toThrow(RangeError);
    expect(tryParseRouterOsDuration(text)).toBeUndefined();
  });
});

describe("formatRouterOsDuration", () => {
  it.each([
    [0, "0s"],
    [5, "5s"],
    [60, "1m"],
    [3661, "1h1m1s"],
    [694861, "1w1d1h1m1s"],
    [0.3, "300ms"],
    [90.25, "1m30s250ms"],
    [1.9996, "2s"],
  ])("%d s -> %s", (seconds, text) => {
    expect(formatRouterOsDuration(seconds)).toBe(text);
  });

  it("round-trips", () => {
    for (const s of [0, 1, 59, 61, 3599, 86399, 86400 * 9 + 7, 0.125]) {
      expect(parseRouterOsDuration(formatRouterOsDuration(s))).toBe(s);
    }
  });

  it("refuses negative and non-finite values", () => {
    expect(() => formatRouterOsDuration(-1)).toThrow(RangeError);
    expect(() => formatRouterOsDuration(Number.NaN)).toThrow(RangeError);
  });
});
