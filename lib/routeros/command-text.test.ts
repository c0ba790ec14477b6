import { describe, expect, it } from "vitest";
import { describeCommand } from "./command-text";

describe("describeCommand", () => {
  it("masks passwords and secrets and keeps the rest", () => {
    expect(describeCommand(["/ppp/secret/add", "=name=0712345678", "=password=0042", "=profile=10M"])).toBe(
      "/ppp/secret/add =name=0712345678 =password=*** =profile=10M",
    );
    expect(describeCommand(["/radius/add", "=address=10.0.0.5", "=secret=s3cr=t", "=service=ppp"])).toBe("/radius/add =address=10.0.0.5 =secret=*** =service=ppp");
    expect(describeCommand(["/ip/hotspot/user/print", "?password=0042"])).toBe("/ip/hotspot/user/print ?password=***");
    expect(describeCommand(["/ip/hotspot/profile/set", "=.id=*1", "=mac-auth-password=x"])).toBe("/ip/hotspot/profile/set =.id=*1 =mac-auth-password=***");
    expect(describeCommand(["/interface/wireless/security-profiles/set", "=wpa2-pre-shared-key=abc"])).toContain("=wpa2-pre-shared-key=***");
  });

  it("keeps words that only look similar", () => {
    expect(describeCommand(["/ppp/secret/print", "=.proplist=name,password"])).toBe("/ppp/secret/print =.proplist=name,password");
    expect(describeCommand(["/ppp/profile/add", "=name=secret-plan"])).toBe("/ppp/profile/add =name=secret-plan");
  });

  it("bounds the length", () => {
    expect(describeCommand(["/x", `=comment=${"a".repeat(5000)}`]).length).toBeLessThanOrEqual(1003);
  });
});
