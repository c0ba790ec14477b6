import { describe, expect, it } from "vitest";
import { safeAuthRedirect, safeCallbackUrl } from "./safe-callback";

// What a browser makes of a redirect target: the way to tell where it really goes.
const landsOn = (target: string) => new URL(target, "https://isp.example/login").origin;

describe("the callbackUrl after sign-in", () => {
  const fallback = "/admin";
  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\t\\evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "//evil.example",
    "///evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/%2e%2e//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    " /admin",
    "",
    "/\u0000/evil.example",
  ])("%j falls back and never leaves the origin", (payload) => {
    expect(safeCallbackUrl(payload, fallback)).toBe(fallback);
    expect(landsOn(safeCallbackUrl(payload, fallback))).toBe("https://isp.example");
  });

  it.each([
    ["/admin", "/admin"],
    ["/admin/customers?q=a%09b&page=2#top", "/admin/customers?q=a%09b&page=2#top"],
    ["/%09/evil.example", "/%09/evil.example"], // percent-encoded: a path segment, not a host
    ["/portal/demo", "/portal/demo"],
  ])("%j is kept as %j", (value, expected) => {
    expect(safeCallbackUrl(value, fallback)).toBe(expected);
    expect(landsOn(expected)).toBe("https://isp.example");
  });

  it("a repeated parameter (an array) or a non-string falls back instead of throwing", () => {
    expect(safeCallbackUrl(["/a", "/b"], fallback)).toBe(fallback);
    expect(safeCallbackUrl(undefined, fallback)).toBe(fallback);
  });
});

describe("next-auth's redirect callback", () => {
  const baseUrl = "https://isp.example";
  it.each([
    ["/admin", "https://isp.example/admin"],
    ["https://isp.example/reseller?x=1", "https://isp.example/reseller?x=1"],
    ["https://evil.example/", baseUrl],
    ["/\t/evil.example", baseUrl],
    ["http://[", baseUrl],
    ["not a url at all", "https://isp.example/not%20a%20url%20at%20all"],
    ["%", "https://isp.example/%"],
    ["//evil.example", baseUrl],
  ])("%j goes to %j", (url, expected) => {
    expect(safeAuthRedirect({ url, baseUrl })).toBe(expected);
  });
});
