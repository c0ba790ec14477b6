import { isIP } from "node:net";
import { z } from "zod";
import { refuseRouterHost } from "./router-address-policy";

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The router's API access, as the form sends it. A blank password keeps the stored one. */
export const routerApiSchema = z
  .object({
    apiHost: z
      .string()
      .trim()
      .min(1, "The router's address for the API.")
      .refine((v) => isIP(v) !== 0 || HOSTNAME.test(v), "An IP address or a host name.")
      .superRefine((v, ctx) => {
        // Loopback, link-local, metadata and the like (names are checked again when connecting).
        const refused = refuseRouterHost(v);
        if (refused) ctx.addIssue({ code: "custom", message: refused });
      }),
    apiPort: z
      .union([z.literal(""), z.coerce.number().int("A whole number.").min(1, "1 to 65535.").max(65535, "1 to 65535.")])
      .optional()
      .transform((v) => (v === "" || v === undefined ? null : v)),
    apiTls: z
      .union([z.boolean(), z.literal("on"), z.literal("")])
      .optional()
      .transform((v) => v === true || v === "on"),
    apiTlsMode: z.enum(["VERIFY", "INSECURE", "ANONYMOUS"]).default("VERIFY"),
    apiTlsCa: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || v.includes("-----BEGIN CERTIFICATE-----"), "A PEM certificate (-----BEGIN CERTIFICATE-----)."),
    apiUsername: z
      .string()
      .trim()
      .min(1, "The API user on the router.")
      .max(64, "At most 64 characters.")
      .regex(PRINTABLE_ASCII, "Letters, digits and ASCII punctuation only (RouterOS re-encodes other text)."),
    apiPassword: z
      .string()
      .max(256, "At most 256 characters.")
      .regex(PRINTABLE_ASCII, "ASCII characters only (RouterOS re-encodes other text).")
      .optional()
      .transform((v) => (v ? v : null)),
    mode: z.enum(["RADIUS", "API"]).default("RADIUS"),
  });

export type RouterApiInput = z.input<typeof routerApiSchema>;
