import { isIP } from "node:net";
import { z } from "zod";
import { normalizeMac } from "@/lib/radius/normalize-mac";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : null));

export const customerUsernameSchema = z
  .string()
  .trim()
  .min(3, "At least 3 characters.")
  .max(64, "At most 64 characters.")
  .regex(/^[A-Za-z0-9._@:-]+$/, "Letters, digits and . _ @ : - only.");

// Built once: building a schema costs more than using it (an import checks 20,000 rows).
const emailFormat = z.email();

const boolish = z.union([z.boolean(), z.string()]).optional().transform((v) => v === true || v === "on" || v === "true");

const customerFields = {
  name: z.string().trim().min(2, "At least 2 characters.").max(120, "At most 120 characters."),
  mobile: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/[\s-]/g, "") : null))
    .refine((v) => v === null || /^\+?\d{7,15}$/.test(v), "A phone number like +254712345678."),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || emailFormat.safeParse(v).success, "Enter a valid email address."),
  address: optionalText(300),
  operatorId: z.string().uuid("Choose an owner.").optional().or(z.literal("").transform(() => undefined)),
  connectionType: z.enum(["PPPOE", "HOTSPOT", "STATIC"], "Choose PPPoE, hotspot or static.").default("PPPOE"),
  packageId: z.string().uuid("Choose a package.").optional().or(z.literal("").transform(() => undefined)),
  /** The router the customer connects through: absent = unchanged, "" = none. */
  routerId: z.union([z.literal(""), z.uuid("Choose a router.")]).optional(),
  /** ISO instant, or a datetime-local value read in the ISP's time zone. */
  expiresAt: z.string().trim().optional().transform((v) => (v ? v : null)),
  staticIp: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isIP(v) !== 0, "An IPv4 or IPv6 address."),
  macAddress: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const mac = normalizeMac(v);
      if (!mac) {
        ctx.addIssue({ code: "custom", message: "A MAC address like AA:BB:CC:DD:EE:FF." });
        return z.NEVER;
      }
      return mac;
    }),
  macLock: boolish,
  notes: optionalText(2000),
};

export const createCustomerSchema = z.object({
  username: customerUsernameSchema,
  password: z.string().min(6, "At least 6 characters.").max(128, "At most 128 characters."),
  ...customerFields,
  /** Served free of charge: no invoices, no expiry (billing:complimentary only; audited). */
  complimentary: boolish,
  /** An existing customer moved in from another system: no opening charge, its expiry as typed (billing:manage). */
  skipOpeningCharge: boolish,
});

/** An update changes only the fields it carries (lib/customers/update-customer.ts): name and status may be left out too. */
export const updateCustomerSchema = z
  .object({
    id: z.string().uuid(),
    ...customerFields,
    status: z.enum(["ACTIVE", "SUSPENDED", "EXPIRED", "DISABLED", "PAUSED"], "Choose a status."),
    password: z.string().min(6, "At least 6 characters.").max(128).optional().or(z.literal("").transform(() => undefined)),
  })
  .partial({ name: true, status: true });

export type CreateCustomerInput = z.input<typeof createCustomerSchema>;
export type UpdateCustomerInput = z.input<typeof updateCustomerSchema>;
