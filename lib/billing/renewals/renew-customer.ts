// The renewal door for operators (staff now; resellers through their wallet later).
import type { OperatorActor } from "@/lib/audit/actor";
import { withTenant } from "@/lib/db";
import { z } from "zod";
import { assertCan } from "@/lib/auth/permissions";
import { visibleCustomer } from "../billing-access";
import { billingContext } from "../billing-context";
import { renewTx } from "./renew";

export const renewSchema = z.object({
  customerId: z.uuid("Choose a customer."),
  payWith: z.enum(["CASH", "BANK_TRANSFER", "MOBILE_MONEY", "CARD", "OTHER", "CREDIT", "ON_ACCOUNT"], "Choose how it is paid."),
  periods: z.coerce.number("Enter a number.").int("A whole number.").min(1, "At least 1.").max(24, "At most 24.").default(1),
  reference: z
    .string()
    .trim()
    .max(120, "At most 120 characters.")
    .optional()
    .transform((v) => (v ? v : null)),
  idempotencyKey: z.string().trim().min(8, "The form is out of date: reload it.").max(120),
});
export type RenewCustomerInput = z.input<typeof renewSchema>;

export async function renewCustomer(actor: OperatorActor, input: RenewCustomerInput) {
  assertCan(actor, "billing:collect");
  const data = renewSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, actor, data.customerId);
    const ctx = await billingContext(tx, actor.tenantId);
    return renewTx(tx, ctx, {
      customerId: customer.id,
      payWith: data.payWith,
      periods: data.periods,
      reference: data.reference,
      key: `form:${actor.id}:${data.idempotencyKey}`,
      operatorId: actor.id,
      actor,
    });
  });
}
