import { z } from "zod";
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

/** Prices are 32-bit minor units in the database today: 2,147,483,647 = 21,474,836.47. */
export const MAX_MINOR = 2_147_483_647;

/** "12.50" (major units, up to two decimals) -> 1250 minor units. */
export const moneySchema = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,9}(\.\d{1,2})?$/.test(v), "An amount like 1500 or 12.50.")
  .transform((v) => Math.round(Number(v) * 100))
  .refine((v) => v <= MAX_MINOR, "At most 21,474,836.47.");

const optionalSeconds = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v) => (v === undefined || String(v).trim() === "" ? null : Number(v)))
  .refine((v) => v === null || (Number.isInteger(v) && v > 0 && v <= 86_400), "Whole seconds from 1 to 86400.");

const boolish = z.union([z.boolean(), z.string()]).optional().transform((v) => v === true || v === "on" || v === "true");

export const packageSchema = z
  .object({
    name: z.string().trim().min(2, "At least 2 characters.").max(80, "At most 80 characters."),
    price: moneySchema,
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
    resellerPrice: z
      .union([z.string(), z.number()])
      .optional()
      .transform((v) => (v === undefined || String(v).trim() === "" ? null : v))
      .pipe(z.union([z.null(), moneySchema])),
  })
  .superRefine((p, ctx) => {
    const burst = [p.burstDown, p.burstUp, p.burstThresholdDown, p.burstThresholdUp, p.burstTimeSeconds];
    if (burst.some((b) => b !== null) && burst.some((b) => b === null)) {
      ctx.addIssue({ code: "custom", path: ["burstDown"], message: "A burst needs rates, thresholds and a time, or none of them." });
    }
    if (p.dataCapGb !== null && !p.dataCapAction) ctx.addIssue({ code: "custom", path: ["dataCapAction"], message: "Say what happens at the cap." });
    if (p.dataCapAction === "THROTTLE" && (!p.fupDown || !p.fupUp)) ctx.addIssue({ code: "custom", path: ["fupDown"], message: "Give the fair-use speeds." });
  });

export type PackageInput = z.input<typeof packageSchema>;
export type PackageData = z.output<typeof packageSchema>;
