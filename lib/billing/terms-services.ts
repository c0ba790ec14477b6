// Setting a customer's own billing terms (mode, billing day, special price, complimentary), over
// the package's and the ISP's defaults. A change of mode takes effect without charging twice or
// leaving a gap: to monthly, the customer's paid validity runs out first (the first monthly period
// starts where it ends); to prepaid, the paid monthly period becomes the expiry.
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, can } from "@/lib/auth/permissions";
import { applyCustomerChange } from "@/lib/customers/customer-changed";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseAmount } from "@/lib/money/parse-amount";
import { z } from "zod";
import { visibleCustomer } from "./billing-access";
import { billingContext, lockCustomerForBilling } from "./billing-context";
import { billingPeriodContaining } from "./calc/cycle";
import { customerTerms } from "./terms";

export const customerTermsSchema = z.object({
  customerId: z.uuid(),
  /** "" = the package's or the ISP's default. */
  mode: z.union([z.literal(""), z.enum(["PREPAID_VALIDITY", "PREPAID_DAILY", "MONTHLY_ADVANCE"])], "Choose a billing mode."),
  /** "" = the ISP's billing day (or the anniversary). */
  billingDay: z.union([z.literal(""), z.coerce.number("A day from 1 to 28.").int("A day from 1 to 28.").min(1, "A day from 1 to 28.").max(28, "A day from 1 to 28.")]),
  /** "" = the package's price. */
  price: z.string().trim().max(40, "Too long."),
  complimentary: z.union([z.boolean(), z.string()]).optional().transform((v) => v === true || v === "on" || v === "true"),
});
export type CustomerTermsInput = z.input<typeof customerTermsSchema>;

export async function setCustomerBillingTerms(actor: OperatorActor, input: CustomerTermsInput) {
  assertCan(actor, "billing:manage");
  const data = customerTermsSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, actor, data.customerId);
    await lockCustomerForBilling(tx, actor.tenantId, customer.id);
    const ctx = await billingContext(tx, actor.tenantId);
    const pkg = customer.packageId ? await tx.package.findUnique({ where: { id: customer.packageId } }) : null;
    const before = await customerTerms(tx, ctx, customer.id, pkg);
    const priceMinor = data.price ? parseAmount(data.price, ctx.currency, { field: "price" }) : null;
    if (data.complimentary !== before.complimentary && !can(actor, "billing:complimentary")) {
      throw new AppError("VALIDATION", { fieldErrors: { complimentary: ["Only the ISP's owner or admins serve customers free of charge."] } });
    }
    const row = await tx.customerBilling.upsert({
      where: { customerId: customer.id },
      create: { customerId: customer.id, tenantId: actor.tenantId, mode: data.mode || null, billingDay: data.billingDay === "" ? null : data.billingDay, priceMinor, complimentary: data.complimentary },
      update: { mode: data.mode || null, billingDay: data.billingDay === "" ? null : data.billingDay, priceMinor, complimentary: data.complimentary },
    });
    const after = await customerTerms(tx, ctx, customer.id, pkg);
    const now = new Date();
    let expiresAt = customer.expiresAt;
    if (before.mode !== after.mode && after.mode === "MONTHLY_ADVANCE") {
      // Paid validity first; the first monthly period is the one its end falls in.
      const from = customer.expiresAt && customer.expiresAt > now ? customer.expiresAt : now;
      const anchor = after.billingDay ? { billingDay: after.billingDay } : { anniversary: from };
      const period = billingPeriodContaining(from, anchor, ctx.timeZone);
      await tx.customerBilling.update({ where: { customerId: customer.id }, data: { periodStart: period.start, periodEnd: from > now ? from : period.start, anchorAt: from } });
      expiresAt = null;
    } else if (before.mode === "MONTHLY_ADVANCE" && after.mode !== "MONTHLY_ADVANCE") {
      expiresAt = row.periodEnd && row.periodEnd > now ? row.periodEnd : now;
      await tx.customerBilling.update({ where: { customerId: customer.id }, data: { periodStart: null, periodEnd: null } });
    }
    if (data.complimentary && !before.complimentary) expiresAt = null;
    // No longer free: service runs until now; the next renewal (or invoice) is charged.
    if (!data.complimentary && before.complimentary && after.mode !== "MONTHLY_ADVANCE") expiresAt = now;
    if ((expiresAt?.getTime() ?? null) !== (customer.expiresAt?.getTime() ?? null)) {
      const updated = await tx.customer.update({ where: { id: customer.id }, data: { expiresAt } });
      await applyCustomerChange(tx, { tenantId: actor.tenantId, before: customer, after: updated, reason: "billing terms changed", now });
    }
    await recordAudit(tx, {
      actor,
      action: "customer.billing_terms",
      targetType: "Customer",
      targetId: customer.id,
      before: { mode: before.mode, priceMinor: before.row?.priceMinor ?? null, billingDay: before.row?.billingDay ?? null, complimentary: before.complimentary, expiresAt: customer.expiresAt },
      after: { mode: after.mode, priceMinor, billingDay: row.billingDay, complimentary: data.complimentary, expiresAt },
    });
    return after;
  });
}
