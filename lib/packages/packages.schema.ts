import { z } from "zod";
import { tryParseAmount } from "@/lib/money/parse-amount";
import { MAX_RATE_TEXT, parseRate } from "./speed";

const rate = (label: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      const bps = parseRate(v);
      if (bps === null) {
        ctx.addIssue({ code: "custom", message: `${label}: a RouterOS rate like 512k, 10M or 1G, at most ${MAX_RATE_TEXT}.` });
        return z.NEVER;
      }
      return bps;
    });

const optionalRate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const bps = parseRate(v);
      if (bps === null) {
        ctx.addIssue({ code: "custom", message: `${label}: a RouterOS rate like 512k, 10M or 1G, at most ${MAX_RATE_TEXT}.` });
        return z.NEVER;
      }
      return bps;
    });

/**
 * A typed price in the tenant's currency -> bigint minor units, exactly (lib/money): "12.50" KES is
 * 1250n, "1500" JPY is 1500n, "1.234" KWD is 1234n; too many decimals or past the maximum is a
 * field error that says so.
 */
function amountOf(text: string, currency: string, ctx: z.RefinementCtx): bigint {
  const r = tryParseAmount(text, currency);
  if (r.ok) return r.minor;
  ctx.addIssue({ code: "custom", message: r.message });
  return z.NEVER;
}

export const moneySchema = (currency: string) => z.string().transform((v, ctx) => amountOf(v, currency, ctx));

/** The same, where an empty field means "no price" (null). */
export const optionalMoneySchema = (currency: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => (v === undefined || v.trim() === "" ? null : amountOf(v, currency, ctx)));

const optionalSeconds = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v) => (v === undefined || String(v).trim() === "" ? null : Number(v)))
  .refine((v) => v === null || (Number.isInteger(v) && v > 0 && v <= 86_400), "Whole seconds from 1 to 86400.");

const boolish = z.union([z.boolean(), z.string()]).optional().transform((v) => v === true || v === "on" || v === "true");

/** The package form in the tenant's currency (a package is priced in its tenant's currency). */
export const packageSchemaFor = (currency: string) =>
  z
    .object({
      name: z.string().trim().min(2, "At least 2 characters.").max(80, "At most 80 characters."),
      price: moneySchema(currency),
      validityValue: z.coerce.number().int("A whole number.").min(1, "At least 1.").max(1000, "At most 1000."),
      validityUnit: z.enum(["HOUR", "DAY", "WEEK", "MONTH"], "Choose hours, days, weeks or months."),
      rateDown: rate("Download"),
      rateUp: rate("Upload"),
      burstDown: optionalRate("Burst download"),
      burstUp: optionalRate("Burst upload"),
      burstThresholdDown: optionalRate("Burst threshold download"),
      burstThresholdUp: optionalRate("Burst threshold upload"),
      burstTimeSeconds: optionalSeconds,
      dataCapGb: z
        .union([z.string(), z.number()])
        .optional()
        .transform((v) => (v === undefined || String(v).trim() === "" ? null : Number(v)))
        .refine((v) => v === null || (Number.isFinite(v) && v > 0 && v <= 100_000), "Gigabytes above zero."),
      dataCapAction: z.enum(["CUT_OFF", "THROTTLE"]).optional().or(z.literal("").transform(() => undefined)),
      fupDown: optionalRate("Fair-use download"),
      fupUp: optionalRate("Fair-use upload"),
      sharedUsers: z.coerce.number().int().min(1, "At least 1.").max(100, "At most 100.").default(1),
      connectionTypes: z
        .union([z.array(z.enum(["PPPOE", "HOTSPOT", "STATIC"])), z.enum(["PPPOE", "HOTSPOT", "STATIC"])])
        .transform((v) => (Array.isArray(v) ? v : [v]))
        .refine((v) => v.length > 0, "Choose at least one connection type."),
      ipPool: z.string().trim().max(64).optional().transform((v) => (v ? v : null)),
      resellerVisible: boolish,
      /** What a reseller pays (its buy price); empty = the customer price. */
      resellerPrice: optionalMoneySchema(currency),
      /** What a sub-reseller pays; empty = the reseller price. */
      subResellerPrice: optionalMoneySchema(currency),
      /** How its customers are billed unless they have their own terms; "" = the ISP's default. */
      billingMode: z
        .enum(["PREPAID_VALIDITY", "PREPAID_DAILY", "MONTHLY_ADVANCE"], "Choose a billing mode.")
        .optional()
        .or(z.literal("").transform(() => undefined)),
    })
    .superRefine((p, ctx) => {
      const burst = [p.burstDown, p.burstUp, p.burstThresholdDown, p.burstThresholdUp, p.burstTimeSeconds];
      if (burst.some((b) => b !== null) && burst.some((b) => b === null)) {
        ctx.addIssue({ code: "custom", path: ["burstDown"], message: "A burst needs rates, thresholds and a time, or none of them." });
      }
      if (p.dataCapGb !== null && !p.dataCapAction) ctx.addIssue({ code: "custom", path: ["dataCapAction"], message: "Say what happens at the cap." });
      if (p.dataCapAction === "THROTTLE" && (!p.fupDown || !p.fupUp)) ctx.addIssue({ code: "custom", path: ["fupDown"], message: "Give the fair-use speeds." });
      // Buy prices are ordered: a reseller never pays more than its customers, nor than its sub-resellers pay it.
      if (p.resellerPrice !== null && p.resellerPrice > p.price) ctx.addIssue({ code: "custom", path: ["resellerPrice"], message: "At most the customer price." });
      if (p.subResellerPrice !== null && p.subResellerPrice > p.price) ctx.addIssue({ code: "custom", path: ["subResellerPrice"], message: "At most the customer price." });
      if (p.subResellerPrice !== null && p.subResellerPrice < (p.resellerPrice ?? p.price)) {
        ctx.addIssue({ code: "custom", path: ["subResellerPrice"], message: p.resellerPrice === null ? "At least the customer price (no reseller price is set)." : "At least the reseller price." });
      }
    });

export type PackageInput = z.input<ReturnType<typeof packageSchemaFor>>;
export type PackageData = z.output<ReturnType<typeof packageSchemaFor>>;
