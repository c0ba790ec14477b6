import { expect, it } from "vitest";
import { describeFatal } from "./fatal-errors";

it("the recorded fatal error names no address (it may be another ISP's router) and is short", () => {
  const e = new Error("connect ECONNREFUSED 10.20.30.40:8729 after TLS to core-1.isp.example:8729 and [fe80::1]:8729 / 2001:db8::5");
  const text = describeFatal(e);
  expect(text).toBe("Error: connect ECONNREFUSED <address> after TLS to <address> and <address> / <address>");
  expect(describeFatal(new Error("x".repeat(5000)))).toHaveLength(300);
  expect(describeFatal("a string")).toBe("a string");
});
