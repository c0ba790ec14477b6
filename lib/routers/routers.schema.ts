import { isIP } from "node:net";
import { z } from "zod";
import { refuseRouterAddress } from "./router-address-policy";

// Every field answers odd input (a zone id, a NUL, megabytes of text, a port that is no number)
// with a field error, never a database error.
const NO_NUL = "No control characters.";
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).refine((v) => !v.includes("\0"), NO_NUL);

/** Checkbox "on" (a hidden "off" precedes it in the form, so unchecked is "off"), or a boolean. */
const checkbox = z
  .union([z.boolean(), z.enum(["on", "off", "true", "false"])])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === true || v === "on" || v === "true"));

export const routerSchema = z.object({
  name: text(80).pipe(z.string().min(2, "At least 2 characters.")),
  nasIp: z
    .string()
    .trim()
    .max(45, "An IPv4 or IPv6 address, as FreeRADIUS sees the router.")
    // Node accepts a zone id (fe80::1%eth0) that PostgreSQL's inet does not; FreeRADIUS never sees one.
    .refine((v) => !v.includes("%"), "No zone id (%…): the address FreeRADIUS sees the router's packets come from.")
    .refine((v) => isIP(v) !== 0, "An IPv4 or IPv6 address, as FreeRADIUS sees the router.")
    // CoA, Disconnect and Verify send UDP to this address: the API's address policy applies, so an
    // operator cannot aim them at this server (loopback), its link or the cloud metadata service.
    .superRefine((v, ctx) => {
      const refused = isIP(v) ? refuseRouterAddress(v) : null;
      if (refused) ctx.addIssue({ code: "custom", message: `${refused[0]!.toUpperCase()}${refused.slice(1)}.` });
    }),
  site: text(120)
    .optional()
    .transform((v) => (v ? v : null)),
  /** Where the router listens for Disconnect / CoA (RouterOS: /radius incoming port). Kept when absent. */
  coaPort: z
    .union([z.number(), z.string().trim().max(10, "A port from 1 to 65535.")])
    .optional()
    .transform((v) => (v === "" || v === undefined ? undefined : Number(v)))
    .pipe(z.number({ message: "A port from 1 to 65535." }).int("A port from 1 to 65535.").min(1, "A port from 1 to 65535.").max(65535, "A port from 1 to 65535.").optional()),
  /** Drop Access-Requests without a valid Message-Authenticator. On for new routers; kept when absent. */
  requireMessageAuthenticator: checkbox,
});

export type RouterInput = z.input<typeof routerSchema>;
