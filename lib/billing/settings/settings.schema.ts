// What an operator types into the billing settings form, checked before anything is written.
// Everything arrives as form text; numbers, amounts (cash rounding, in currency units) and rates
// (percentages) become integers in the service, never through a float.
import { z } from "zod";
import { NUL_MESSAGE } from "@/lib/next/refuse-nul";
import { validateNumberPattern } from "../calc/document-number";

/** Any text field: no NUL (PostgreSQL cannot store it), at most `max` characters. */
const text = (max: number) =>
  z
    .string()
    .refine((v) => !v.includes("\u0000"), NUL_MESSAGE)
    .transform((v) => v.trim())
    .refine((v) => v.length <= max, `At most ${max} characters.`);

const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((v) => (v ? v : null));

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, `${label}: a whole number from ${min} to ${max}.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${label}: a whole number from ${min} to ${max}.`);

const pattern = text(100).superRefine((v, ctx) => {
  const problem = validateNumberPattern(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** A checkbox posts "on" when ticked and nothing when not; "true"/"false" from code. */
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true");

export const billingSettingsSchema = z.object({
  defaultMode: z.enum(["PREPAID_VALIDITY", "PREPAID_DAILY", "MONTHLY_ADVANCE"], "Choose a billing mode."),
  /** "anniversary" (or empty): each customer's own day; otherwise 1-28. */
  billingDay: z.union([z.literal("anniversary"), z.literal(""), wholeNumber("Billing day", 1, 28)]).transform((v) => (typeof v === "number" ? v : null)),
  dueDays: wholeNumber("Due days", 0, 365),
  graceDays: wholeNumber("Grace days", 0, 365),
  autoLock: checkbox,
  /** Empty: never deactivate. */
  deactivateAfterDays: z.union([z.literal(""), wholeNumber("Deactivate after", 1, 3650)]).transform((v) => (typeof v === "number" ? v : null)),
  invoicePattern: pattern,
  creditNotePattern: pattern,
  receiptPattern: pattern,
  pricesIncludeTax: checkbox,
  /** Empty: no default rate. */
  defaultTaxRateId: z.union([z.literal(""), z.uuid("Choose a tax rate.")]).transform((v) => v || null),
  /** In currency units, e.g. "1" = round totals to whole units, "0.05" = to five cents; empty = none. */
  cashRounding: text(20),
  changeCreditPolicy: z.enum(["CREDIT", "REFUND"], "Choose credit or refund."),
  upgradeTiming: z.enum(["NOW", "NEXT_PERIOD"], "Choose when upgrades start."),
  legalName: optionalText(200),
  legalAddress: optionalText(500),
  taxId: optionalText(64),
  phone: optionalText(40),
  email: optionalText(254).refine((v) => v === null || z.email().safeParse(v).success, "Enter a valid email address."),
  invoiceFooter: optionalText(1000),
});
export type BillingSettingsInput = z.input<typeof billingSettingsSchema>;

export const taxRateSchema = z.object({
  /** Empty: a new rate. */
  id: z.union([z.literal(""), z.uuid()]).optional().transform((v) => v || null),
  name: text(60).refine((v) => v.length > 0, "Name the rate, e.g. VAT."),
  /** A percentage as typed: "16", "7.5". */
  rate: text(12).refine((v) => v.length > 0, "Enter the rate as a percentage, e.g. 16."),
});
export type TaxRateInput = z.input<typeof taxRateSchema>;

export const MAX_LOGO_BYTES = 512 * 1024;
