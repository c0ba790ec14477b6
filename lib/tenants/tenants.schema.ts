import { z } from "zod";
import { CURRENCY_CODES, isCurrency } from "@/lib/money/currencies";

const RESERVED_SLUGS = new Set(["admin", "api", "app", "login", "signup", "portal", "reseller", "www", "static", "hotspot", "system"]);

const timeZones = new Set(Intl.supportedValuesOf("timeZone").concat("UTC"));
const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  try {
    return regionNames.of(code) !== code;
  } catch {
    return false;
  }
}

export const tenantSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "At least 3 characters.")
  .max(40, "At most 40 characters.")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Lowercase letters, digits and dashes; no dash at either end.")
  .refine((s) => !RESERVED_SLUGS.has(s), "This name is reserved.");

export const tenantProfileSchema = z.object({
  name: z.string().trim().min(2, "At least 2 characters.").max(120, "At most 120 characters."),
  // Only currencies in the money table: every amount needs the currency's exponent (lib/money).
  currency: z.string().trim().toUpperCase().refine(isCurrency, "Unknown currency code: use an ISO 4217 code such as KES, USD or UGX."),
  timezone: z.string().trim().refine((t) => timeZones.has(t), "Unknown time zone (e.g. Africa/Nairobi)."),
  locale: z.string().trim().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "A language tag like en or en-KE.").default("en"),
});

export const signUpSchema = tenantProfileSchema.extend({
  slug: tenantSlugSchema,
  country: z.string().trim().toUpperCase().refine(isCountryCode, "Unknown country code (ISO 3166, e.g. KE)."),
  ownerName: z.string().trim().min(2, "At least 2 characters.").max(120, "At most 120 characters."),
  email: z.email("Enter a valid email address.").trim().toLowerCase().max(254),
  password: z.string().min(8, "At least 8 characters.").max(200, "At most 200 characters."),
});

export type SignUpInput = z.input<typeof signUpSchema>;
export type TenantProfileInput = z.input<typeof tenantProfileSchema>;

export const CURRENCIES = CURRENCY_CODES;
export const TIME_ZONES = [...timeZones].sort();
