// Option lists for tenant forms, from the runtime's own ICU data (no hand-kept tables).
import { CURRENCIES, isCountryCode, TIME_ZONES } from "./tenants.schema";

export type Choice = { value: string; label: string };

let cached: { countries: Choice[]; currencies: Choice[]; timeZones: Choice[] } | undefined;

export function tenantChoices() {
  if (cached) return cached;
  const regions = new Intl.DisplayNames(["en"], { type: "region" });
  const currencyNames = new Intl.DisplayNames(["en"], { type: "currency" });
  const countries: Choice[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (isCountryCode(code)) countries.push({ value: code, label: `${regions.of(code)} (${code})` });
    }
  }
  countries.sort((x, y) => x.label.localeCompare(y.label));
  cached = {
    countries,
    currencies: CURRENCIES.map((c) => ({ value: c, label: `${c} · ${currencyNames.of(c) ?? c}` })),
    timeZones: TIME_ZONES.map((t) => ({ value: t, label: t.replaceAll("_", " ") })),
  };
  return cached;
}
