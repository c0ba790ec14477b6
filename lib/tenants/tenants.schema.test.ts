// A tenant bills in a currency from the money table, or sign-up says which field is wrong.
import { describe, expect, it } from "vitest";
import { currencyExponent } from "@/lib/money/currencies";
import { CURRENCIES, tenantProfileSchema } from "./tenants.schema";

const profile = (currency: string) => tenantProfileSchema.safeParse({ name: "ISP", currency, timezone: "UTC" });

describe("tenant currency", () => {
  it("accepts table currencies (any case) and refuses others with a field error", () => {
    for (const c of ["KES", "jpy", " KWD "]) expect(profile(c).success, c).toBe(true);
    for (const c of ["EUROS", "XXX", "CLF", "", "K3S"]) {
      const r = profile(c);
      expect(r.success, c).toBe(false);
      expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["currency", "Unknown currency code: use an ISO 4217 code such as KES, USD or UGX."]]);
    }
  });

  it("offers only currencies with a known exponent", () => {
    for (const c of CURRENCIES) expect(() => currencyExponent(c)).not.toThrow();
  });
});
