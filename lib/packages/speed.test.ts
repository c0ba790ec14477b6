import { describe, expect, it } from "vitest";
import { formatRate, parseRate } from "./speed";

describe("RouterOS rates", () => {
  it("parses k, M and G in bits per second", () => {
    expect(parseRate("512k")).toBe(512_000n);
    expect(parseRate("10M")).toBe(10_000_000n);
    expect(parseRate("1.5M")).toBe(1_500_000n);
    expect(parseRate("1G")).toBe(1_000_000_000n);
    expect(parseRate("64000")).toBe(64_000n);
  });
  it("refuses what RouterOS would", () => {
    for (const bad of ["", "10 Mbps", "-1M", "0", "1.2345M", "M"]) expect(parseRate(bad)).toBeNull();
  });
  it("formats back compactly", () => {
    expect(formatRate(512_000n)).toBe("512k");
    expect(formatRate(10_000_000n)).toBe("10M");
    expect(formatRate(1_500_000n)).toBe("1.5M");
    expect(formatRate(64_000n)).toBe("64k");
    expect(formatRate(999n)).toBe("999");
  });
});
