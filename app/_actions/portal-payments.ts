"use server";

// The portal's Pay button: the customer starts a payment for itself and goes to its page, which
// says "check your phone" or sends it on to the gateway's page, and follows the payment live.
import { customerAction } from "@/lib/next/customer-action";
import { startPayment, type StartPaymentInput } from "@/lib/payments/start";

export const startPortalPaymentAction = customerAction((actor, input) => startPayment(actor, { ...(input as unknown as StartPaymentInput), customerId: actor.id }), {
  redirectTo: (r, actor) => (r.redirectUrl ? r.redirectUrl : `/portal/${actor.slug}/payments/${r.gatewayPaymentId}`),
});
