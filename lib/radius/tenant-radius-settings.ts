import { z } from "zod";

/** How an ISP wants FreeRADIUS to treat customers who have not paid, and accounting cadence. */
export const radiusSettingsSchema = z.object({
  /** REJECT: refuse the login. CAPTIVE: let it in, slow, in the `suspended` address-list whose only reachable place is the payment portal. */
  suspendMode: z.enum(["REJECT", "CAPTIVE"]).default("CAPTIVE"),
  captiveRate: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?[kMG]?\/\d+(\.\d+)?[kMG]?$/, "Upload/download like 256k/256k.")
    .default("256k/256k"),
  captiveAddressList: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,63}$/, "Letters, digits, dot, dash and underscore.")
    .default("suspended"),
  interimIntervalSeconds: z.number("Seconds between 60 and 3600.").int().min(60, "At least 60 seconds.").max(3600, "At most 3600 seconds.").default(300),
});

export type RadiusSettings = z.infer<typeof radiusSettingsSchema>;

export function radiusSettingsOf(settings: unknown): RadiusSettings {
  const raw = (settings && typeof settings === "object" ? (settings as Record<string, unknown>).radius : undefined) ?? {};
  const parsed = radiusSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : radiusSettingsSchema.parse({});
}
