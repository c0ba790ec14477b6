import { z } from "zod";
import { AppError } from "@/lib/errors";
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
  /** A postpaid reseller's credit limit, in the ISP's currency (text; parsed with it). */
  creditLimit: z.string().trim().max(40, "At most 40 characters.").optional(),
});

export const updateOperatorSchema = z.object({
  id: z.string().uuid(),
  name,
  commissionShare: commissionPercentSchema.default(0),
  billingMode: z.enum(["PREPAID", "POSTPAID"], "Choose prepaid or postpaid."),
  status: z.enum(["ACTIVE", "SUSPENDED", "DISABLED"], "Choose a status."),
  creditLimit: z.string().trim().max(40, "At most 40 characters.").optional(),
  password: passwordSchema.optional().or(z.literal("").transform(() => undefined)),
});

export type CreateOperatorInput = z.input<typeof createOperatorSchema>;
export type UpdateOperatorInput = z.input<typeof updateOperatorSchema>;

/**
 * The billing terms an actor may give a reseller: postpaid (and its credit limit) is the ISP's
 * risk, so only its staff grant it; a reseller's sub-resellers are prepaid from its wallet.
 */
export function resellerTerms(actor: { role: string }, isReseller: boolean, data: { billingMode: "PREPAID" | "POSTPAID"; creditLimit?: string }, parse: (text: string) => bigint) {
  if (!isReseller) return { billingMode: "PREPAID" as const, creditLimitMinor: 0n };
  const staff = actor.role === "OWNER" || actor.role === "ADMIN";
  if (data.billingMode === "POSTPAID" && !staff) throw new AppError("VALIDATION", { fieldErrors: { billingMode: ["Only the ISP's owner or admins make a reseller postpaid."] } });
  const text = data.creditLimit?.trim() ?? "";
  const creditLimitMinor = data.billingMode === "POSTPAID" && text ? parse(text) : 0n;
  if (creditLimitMinor < 0n) throw new AppError("VALIDATION", { fieldErrors: { creditLimit: ["Cannot be negative."] } });
  return { billingMode: data.billingMode, creditLimitMinor };
}
