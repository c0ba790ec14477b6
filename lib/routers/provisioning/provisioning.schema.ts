import { z } from "zod";

/** RouterOS names we write: ASCII letters, digits, dot, dash, underscore (no spaces). */
const ROUTER_NAME = /^[A-Za-z0-9._-]{1,63}$/;

const optionalName = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || ROUTER_NAME.test(v), message);

/** Where a router's API-mode items go, as the settings form sends it. */
export const provisioningSettingsSchema = z.object({
  allowedAddressList: z.string().trim().regex(ROUTER_NAME, "A list name: letters, digits, dot, dash, underscore.").default("allowed"),
  arpInterface: optionalName("An interface name like bridge or ether2."),
  dhcpServer: optionalName("A DHCP server name, or all."),
  hotspotServer: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : "all"))
    .refine((v) => ROUTER_NAME.test(v), "A hotspot server name, or all."),
});

export type ProvisioningSettingsInput = z.input<typeof provisioningSettingsSchema>;

/** A drift to resolve: one field of one item, or every drifted field of the item (no field). */
export const resolveDriftSchema = z.object({
  routerId: z.uuid(),
  key: z.string().min(3).max(200),
  field: z
    .string()
    .max(64)
    .optional()
    .transform((v) => (v ? v : undefined)),
  action: z.enum(["restore", "accept"]),
});

export type ResolveDriftInput = z.input<typeof resolveDriftSchema>;
