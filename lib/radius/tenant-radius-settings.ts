import { z } from "zod";

/** How an ISP wants FreeRADIUS to treat customers who have not paid, and accounting cadence. */
export const radiusSettingsSchema = z.object({
  /** REJECT: refuse the login. CAPTIVE: let it in, slow, in the `suspended` address-list whose only reachable place is the payment portal. */
  suspendMode: z.enum(["REJECT", "CAPTIVE"]).default("CAPTIVE"),
  captiveRate: z.string().default("256k/256k"),
  captiveAddressList: z.string().default("suspended"),
  interimIntervalSeconds: z.number().int().min(60).max(3600).default(300),
});

export type RadiusSettings = z.infer<typeof radiusSettingsSchema>;

export function radiusSettingsOf(settings: unknown): RadiusSettings {
  const raw = (settings && typeof settings === "object" ? (settings as Record<string, unknown>).radius : undefined) ?? {};
  const parsed = radiusSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : radiusSettingsSchema.parse({});
}
