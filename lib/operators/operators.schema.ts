import { z } from "zod";

/** "60" or "12.5" (percent, up to two decimals) -> basis points. */
export const commissionPercentSchema = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => v === "" || /^\d{1,3}(\.\d{1,2})?$/.test(v), "A percentage like 60 or 12.5.")
  .transform((v) => (v === "" ? 0 : Math.round(Number(v) * 100)))
  .refine((bp) => bp >= 0 && bp <= 10_000, "Between 0 and 100.");

const email = z.email("Enter a valid email address.").trim().toLowerCase().max(254);
const name = z.string().trim().min(2, "At least 2 characters.").max(120, "At most 120 characters.");
export const passwordSchema = z.string().min(8, "At least 8 characters.").max(200, "At most 200 characters.");

export const createOperatorSchema = z.object({
  role: z.enum(["ADMIN", "MANAGER", "RESELLER", "SUB_RESELLER"], "Choose a role."),
  name,
  email,
  password: passwordSchema,
  parentId: z.string().uuid("Choose a reseller.").optional().or(z.literal("").transform(() => undefined)),
  commissionShare: commissionPercentSchema.default(0),
  billingMode: z.enum(["PREPAID", "POSTPAID"], "Choose prepaid or postpaid.").default("PREPAID"),
});

export const updateOperatorSchema = z.object({
  id: z.string().uuid(),
  name,
  commissionShare: commissionPercentSchema.default(0),
  billingMode: z.enum(["PREPAID", "POSTPAID"], "Choose prepaid or postpaid."),
  status: z.enum(["ACTIVE", "SUSPENDED", "DISABLED"], "Choose a status."),
  password: passwordSchema.optional().or(z.literal("").transform(() => undefined)),
});

export type CreateOperatorInput = z.input<typeof createOperatorSchema>;
export type UpdateOperatorInput = z.input<typeof updateOperatorSchema>;
