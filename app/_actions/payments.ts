"use server";

// The online payment forms: a gateway's settings and its test, money in suspense allocated to a
// customer, and a payment started for a customer (an M-Pesa prompt from the counter).
import { AppError } from "@/lib/errors";
import { operatorAction } from "@/lib/next/operator-action";
import { saveGateway, testGateway } from "@/lib/payments/gateways-admin";
import { gatewayInputFromForm } from "@/lib/payments/gateways/fields";
import { allocateSuspense } from "@/lib/payments/settle";
import { createPaymentLink } from "@/lib/payments/links";
import { refundGatewayPayment } from "@/lib/payments/refund";
import { startPayment, type StartPaymentInput } from "@/lib/payments/start";

export const saveGatewayAction = operatorAction((actor, input) => saveGateway(actor, gatewayInputFromForm(input)), {
  revalidate: ["/admin/settings/payments"],
  successMessage: "Gateway saved.",
});

export const testGatewayAction = operatorAction(
  async (actor, input) => {
    const r = await testGateway(actor, { gatewayId: input.gatewayId ?? "", phone: input.phone, testPayment: input.testPayment });
    if (!r.ok) throw new AppError("VALIDATION", { userMessage: r.message });
    return r;
  },
  { revalidate: ["/admin/settings/payments"], successMessage: "The gateway answered: see the result on the gateway." },
);

export const allocateSuspenseAction = operatorAction((actor, input) => allocateSuspense(actor, { gatewayPaymentId: input.gatewayPaymentId ?? "", username: input.username ?? "" }), {
  revalidate: ["/admin/billing/online"],
  successMessage: "Allocated: the customer is credited.",
});

export const startCustomerPaymentAction = operatorAction((actor, input) => startPayment(actor, input as unknown as StartPaymentInput), {
  revalidate: ["/admin/customers/[id]", "/admin/billing/online"],
  successMessage: "Payment started: the customer confirms it on the phone or the payment page.",
});

export const paymentLinkAction = operatorAction((actor, input) => createPaymentLink(actor, { customerId: input.customerId ?? "", amount: input.amount, days: input.days }), {
  successMessage: (r) => `Send this link to the customer (valid until ${r.expiresAt.toISOString().slice(0, 10)}): ${r.url}`,
});

export const refundAction = operatorAction((actor, input) => refundGatewayPayment(actor, { gatewayPaymentId: input.gatewayPaymentId ?? "", reason: input.reason ?? "" }), {
  revalidate: ["/admin/billing/online"],
  successMessage: (r) => `Refunded (${r.refundId}); receipt ${r.receiptNumber} reversed.`,
});
