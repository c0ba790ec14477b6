// Refunding an online payment from the admin (docs/payments.md, "Refunds"): the ISP's owner or
// admins give the whole payment back through its gateway, then the receipt is reversed (its
// invoices reopen, the money leaves the gateway's clearing account), audited. The attempt is
// claimed first by a conditional update, so two clicks never refund twice; a gateway that refuses
// releases the claim with its reason. Gateways without a refund call (M-Pesa, bKash, PayPal here)
// are refunded in their own dashboards and the receipt reversed by hand.
import { z } from "zod";
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan } from "@/lib/auth/permissions";
import { isUuid, withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { visibleCustomer } from "@/lib/billing/billing-access";
import { billingContext } from "@/lib/billing/billing-context";
import { reversePaymentTx } from "@/lib/billing/payments/reverse-payment";
import { adapterFor } from "./gateways/registry";
import { GatewayError } from "./gateways/types";
import { gatewayAccount } from "./gateway-account";

export const refundSchema = z.object({
  gatewayPaymentId: z.string().refine(isUuid, "Choose a payment."),
  reason: z
    .string("Say why the money goes back.")
    .trim()
    .min(3, "Say why the money goes back.")
    .max(200, "At most 200 characters.")
    .refine((v) => !v.includes("\u0000"), "Plain text only."),
});

export async function refundGatewayPayment(actor: OperatorActor, input: z.input<typeof refundSchema>) {
  assertCan(actor, "billing:manage");
  const data = refundSchema.parse(input);
  const claimed = await withTenant(actor.tenantId, async (tx) => {
    const gp = await tx.gatewayPayment.findFirst({ where: { id: data.gatewayPaymentId, tenantId: actor.tenantId } });
    if (!gp || !gp.customerId) throw new AppError("NOT_FOUND", { userMessage: "Payment not found." });
    await visibleCustomer(tx, actor, gp.customerId);
    const gateway = await tx.paymentGateway.findUniqueOrThrow({ where: { id: gp.gatewayId } });
    if (!adapterFor(gateway.kind).refund) {
      throw new AppError("VALIDATION", { userMessage: `${gateway.name} refunds are made in its own dashboard: refund there, then reverse the receipt on the customer's page.` });
    }
    if (gp.status !== "SUCCEEDED" || !gp.gatewayTxnId) throw new AppError("CONFLICT", { userMessage: "Only a paid online payment can be refunded." });
    const won = await tx.gatewayPayment.updateMany({ where: { id: gp.id, status: "SUCCEEDED", refundRequestedAt: null }, data: { refundRequestedAt: new Date() } });
    if (!won.count) throw new AppError("CONFLICT", { userMessage: gp.refundedAt ? "This payment was already refunded." : "A refund of this payment is already under way." });
    return { gp, gateway };
  });
  const { gp, gateway } = claimed;
  let refundId: string;
  try {
    ({ refundId } = await adapterFor(gateway.kind).refund!(gatewayAccount(gateway), gp.gatewayTxnId!, gp.amountMinor, gp.currency));
  } catch (e) {
    await withTenant(actor.tenantId, (tx) => tx.gatewayPayment.update({ where: { id: gp.id }, data: { refundRequestedAt: null } }));
    throw new AppError("VALIDATION", { userMessage: e instanceof GatewayError ? `${gateway.name} did not refund it: ${e.message}` : `${gateway.name} could not be reached: nothing was refunded. Try again.` });
  }
  try {
    return await withTenant(actor.tenantId, async (tx) => {
      const ctx = await billingContext(tx, actor.tenantId);
      const reversed = await reversePaymentTx(tx, ctx, gp.paymentId!, { reason: `Refunded through ${gateway.name} (${refundId}): ${data.reason}`, operatorId: actor.id });
      await tx.gatewayPayment.update({ where: { id: gp.id }, data: { refundedAt: new Date(), refundId: refundId.slice(0, 200) } });
      await recordAudit(tx, { actor, action: "payment.refund", targetType: "Customer", targetId: gp.customerId!, after: { gatewayPaymentId: gp.id, receipt: reversed.receiptNumber, amountMinor: gp.amountMinor, refundId, reason: data.reason } });
      return { refundId, receiptNumber: reversed.receiptNumber };
    });
  } catch (e) {
    // The gateway gave the money back but our books did not follow: say so loudly; the attempt keeps its claim.
    console.error(`[payments] refund ${refundId} of ${gp.id} (tenant ${actor.tenantId}) made at ${gateway.name} but not recorded:`, e);
    throw new AppError("INTERNAL", { userMessage: `${gateway.name} refunded it (${refundId}) but the receipt could not be reversed here: reverse it on the customer's page.` });
  }
}
