import { z } from "zod";
import { percentToBp } from "@/lib/money/percent-to-bp";

/** "60" or "12.5" (percent, up to two decimals) -> basis points, exactly (lib/money); empty is 0. */
export const commissionPercentSchema = z.string().transform((v, ctx) => {
  if (v.trim() === "") return 0;
  const r = percentToBp(v);
  if (r.ok) return r.bp;
  ctx.addIssue({ code: "custom", message: r.message });
  return z.NEVER;
});

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
