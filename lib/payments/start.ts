// Starting an online payment (docs/payments.md, "Pending payments"): the attempt is written first
// (pending, its own transaction), then the gateway is asked; what it answers (its reference, the
// page to pay on, "check your phone") is written on the attempt, or the attempt fails with the
// gateway's reason. An attempt the process never got to finish is expired by the reconcile job. A
// customer pays for itself (the portal); an operator who collects may start one for a customer
// it can see (e.g. an M-Pesa prompt to the customer's phone from the counter).
import { z } from "zod";
import type { Actor } from "@/lib/audit/actor";
import { can } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/money/format-money";
import { parseAmount } from "@/lib/money/parse-amount";
import { billingContext } from "@/lib/billing/billing-context";
import { visibleCustomer } from "@/lib/billing/billing-access";
import { availableCredit, openBalance } from "@/lib/billing/payments/allocate-credit";
import { customerTerms } from "@/lib/billing/terms";
import { publicBaseUrl } from "@/lib/next/public-url";
import { formToken } from "@/lib/resellers/form-text";
import { adapterFor } from "./gateways/registry";
import { GatewayError } from "./gateways/types";
import { gatewayAccount } from "./gateway-account";

export const startPaymentSchema = z.object({
  customerId: z.uuid("Choose a customer."),
  gatewayId: z.uuid("Choose how to pay."),
  /** RENEWAL: the next period of a prepaid customer's package; BALANCE: what is owed, or the amount given. */
  purpose: z.enum(["RENEWAL", "BALANCE"], "Choose what to pay for."),
  amount: z
    .string()
    .trim()
    .max(30)
    .optional()
    .transform((v) => v || undefined),
  phone: z
    .string()
    .trim()
    .max(30, "A phone number.")
    .optional()
    .transform((v) => v || undefined),
  idempotencyKey: formToken,
});
export type StartPaymentInput = z.input<typeof startPaymentSchema>;

export interface StartedPayment {
  gatewayPaymentId: string;
  status: string;
  amountMinor: bigint;
  currency: string;
  redirectUrl: string | null;
  customerMessage: string | null;
}

/** First check after a start, then backing off: the reconcile job's schedule (minutes). */
export const CHECK_AFTER_MINUTES = [1, 2, 5, 15, 60, 180, 720];

/**
 * Starts a payment. `amountMinor` (not from forms) fixes the amount exactly: a payment link's.
 */
export async function startPayment(actor: Actor, input: StartPaymentInput & { amountMinor?: bigint }): Promise<StartedPayment> {
  const data = startPaymentSchema.parse(input);
  if (actor.kind === "CUSTOMER" && actor.id !== data.customerId) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  if (actor.kind === "OPERATOR" && !can(actor, "billing:collect")) throw new AppError("FORBIDDEN");
  if (actor.kind === "SYSTEM") throw new AppError("FORBIDDEN");

  const prepared = await withTenant(actor.tenantId, async (tx) => {
    const key = `start:${actor.kind}:${actor.id}:${data.idempotencyKey}`;
    const done = await tx.gatewayPayment.findUnique({ where: { tenantId_idempotencyKey: { tenantId: actor.tenantId, idempotencyKey: key } } });
    if (done) return { done };
    const customer = actor.kind === "OPERATOR" ? await visibleCustomer(tx, actor, data.customerId) : await tx.customer.findFirstOrThrow({ where: { id: data.customerId, tenantId: actor.tenantId } });
    const gateway = await tx.paymentGateway.findFirst({ where: { id: data.gatewayId, tenantId: actor.tenantId, enabled: true } });
    if (!gateway) throw new AppError("VALIDATION", { fieldErrors: { gatewayId: ["Choose one of the ISP's ways to pay."] } });
    const ctx = await billingContext(tx, actor.tenantId);
    let amountMinor: bigint;
    if (data.purpose === "RENEWAL") {
      const pkg = customer.packageId ? await tx.package.findUnique({ where: { id: customer.packageId } }) : null;
      if (!pkg) throw new AppError("VALIDATION", { userMessage: "There is no package to renew: ask the ISP to choose one." });
      const terms = await customerTerms(tx, ctx, customer.id, pkg);
      if (terms.mode === "MONTHLY_ADVANCE") throw new AppError("VALIDATION", { userMessage: "This account is billed monthly: pay the balance instead." });
      // What is owed first (the payment settles old invoices oldest first), then the next period, less credit held.
      amountMinor = (await openBalance(tx, ctx, customer.id)) + terms.priceMinor - (await availableCredit(tx, ctx, customer.id));
      if (amountMinor <= 0n) throw new AppError("CONFLICT", { userMessage: "The credit already covers the next period: renew from the credit." });
    } else if (input.amountMinor !== undefined) {
      amountMinor = input.amountMinor;
    } else if (data.amount) {
      amountMinor = parseAmount(data.amount, ctx.currency, { field: "amount" });
    } else {
      amountMinor = await openBalance(tx, ctx, customer.id);
    }
    if (amountMinor <= 0n) throw new AppError("VALIDATION", { userMessage: "Nothing is owed: there is nothing to pay.", fieldErrors: { amount: ["Give an amount to pay."] } });
    if (amountMinor > 10_000_000n * 100n) throw new AppError("VALIDATION", { fieldErrors: { amount: ["Too large for an online payment."] } });
    const gp = await tx.gatewayPayment.create({
      data: {
        tenantId: actor.tenantId,
        gatewayId: gateway.id,
        customerId: customer.id,
        purpose: data.purpose,
        amountMinor,
        currency: ctx.currency,
        phone: data.phone ?? customer.mobile ?? null,
        accountRef: customer.username,
        startedByOperatorId: actor.kind === "OPERATOR" ? actor.id : null,
        startedByCustomer: actor.kind === "CUSTOMER",
        idempotencyKey: key,
        // Until the gateway answers: a start that never finished is found by the reconcile job.
        nextCheckAt: new Date(Date.now() + 10 * 60_000),
      },
    });
    const slug = (await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { slug: true } })).slug;
    return { gp, gateway, customer, slug, locale: ctx.locale };
  });
  if ("done" in prepared) {
    const d = prepared.done!;
    return { gatewayPaymentId: d.id, status: d.status, amountMinor: d.amountMinor, currency: d.currency, redirectUrl: d.redirectUrl, customerMessage: null };
  }
  const { gp, gateway, customer, slug } = prepared;
  const back = `${publicBaseUrl()}/portal/${slug}/payments/${gp.id}`;
  try {
    const started = await adapterFor(gateway.kind).start(gatewayAccount(gateway), {
      paymentRef: gp.id,
      amountMinor: gp.amountMinor,
      currency: gp.currency,
      description: `Internet, account ${customer.username}`,
      accountRef: customer.username,
      phone: gp.phone,
      email: customer.email,
      returnUrl: back,
      cancelUrl: `${back}?cancelled=1`,
      idempotencyKey: gp.id,
    });
    const updated = await withTenant(actor.tenantId, (tx) =>
      tx.gatewayPayment.update({
        where: { id: gp.id },
        data: {
          gatewayRef: started.gatewayRef,
          redirectUrl: started.redirectUrl ?? null,
          amountMinor: started.amountMinor ?? gp.amountMinor,
          expiresAt: started.expiresAt ?? null,
          nextCheckAt: new Date(Date.now() + CHECK_AFTER_MINUTES[0]! * 60_000),
        },
      }),
    );
    return { gatewayPaymentId: gp.id, status: updated.status, amountMinor: updated.amountMinor, currency: updated.currency, redirectUrl: updated.redirectUrl, customerMessage: started.customerMessage ?? null };
  } catch (e) {
    const reason = e instanceof GatewayError ? e.message : "The payment service could not be reached: try again in a minute.";
    if (!(e instanceof GatewayError)) console.error(`[payments] start failed for gateway ${gateway.id} (tenant ${gateway.tenantId}):`, e);
    await withTenant(actor.tenantId, (tx) => tx.gatewayPayment.update({ where: { id: gp.id }, data: { status: "FAILED", failureCode: e instanceof GatewayError ? e.code : "error", failureReason: reason.slice(0, 500), nextCheckAt: null } }));
    throw new AppError("VALIDATION", { userMessage: reason, fieldErrors: e instanceof GatewayError && e.code === "phone" ? { phone: [reason] } : undefined });
  }
}

/** An attempt's state, for the page that waits on it ("check your phone", live). */
export async function getPaymentAttempt(actor: Actor, gatewayPaymentId: string) {
  return withTenant(actor.tenantId, async (tx) => {
    const gp = await tx.gatewayPayment.findFirst({ where: { id: gatewayPaymentId, tenantId: actor.tenantId } });
    if (!gp || !gp.customerId) throw new AppError("NOT_FOUND", { userMessage: "Payment not found." });
    if (actor.kind === "CUSTOMER" && gp.customerId !== actor.id) throw new AppError("NOT_FOUND", { userMessage: "Payment not found." });
    if (actor.kind === "OPERATOR") await visibleCustomer(tx, actor, gp.customerId);
    const ctx = await billingContext(tx, actor.tenantId);
    const payment = gp.paymentId ? await tx.payment.findUnique({ where: { id: gp.paymentId }, select: { receiptNumber: true } }) : null;
    return {
      id: gp.id,
      status: gp.status,
      amount: formatMoney(gp.amountMinor, gp.currency, ctx.locale),
      receiptNumber: payment?.receiptNumber ?? null,
      failureReason: gp.failureReason,
      redirectUrl: gp.status === "PENDING" ? gp.redirectUrl : null,
    };
  });
}

export interface PaymentOptions {
  gateways: { id: string; name: string; kind: string; asksPhone: boolean }[];
  /** What the next period costs now (what is owed plus the period, less credit); null when billed monthly or no package. */
  renewalMinor: bigint | null;
  owedMinor: bigint;
  currency: string;
  phone: string | null;
}

/** What the portal offers a customer: the ISP's enabled gateways and what there is to pay. */
export async function paymentOptions(actor: Extract<Actor, { kind: "CUSTOMER" }>): Promise<PaymentOptions> {
  return withTenant(actor.tenantId, async (tx) => {
    const customer = await tx.customer.findFirstOrThrow({ where: { id: actor.id, tenantId: actor.tenantId } });
    const ctx = await billingContext(tx, actor.tenantId);
    const gateways = await tx.paymentGateway.findMany({ where: { tenantId: actor.tenantId, enabled: true }, orderBy: { name: "asc" }, select: { id: true, name: true, kind: true } });
    const owedMinor = await openBalance(tx, ctx, customer.id);
    const pkg = customer.packageId ? await tx.package.findUnique({ where: { id: customer.packageId } }) : null;
    const terms = pkg ? await customerTerms(tx, ctx, customer.id, pkg) : null;
    const renewalMinor = terms && terms.mode !== "MONTHLY_ADVANCE" ? owedMinor + terms.priceMinor - (await availableCredit(tx, ctx, customer.id)) : null;
    return {
      // A gateway that only receives what its provider announces has no Pay button.
      gateways: gateways.filter((g) => !adapterFor(g.kind).receivesOnly).map((g) => ({ ...g, asksPhone: g.kind === "MPESA" })),
      renewalMinor: renewalMinor !== null && renewalMinor > 0n ? renewalMinor : null,
      owedMinor,
      currency: ctx.currency,
      phone: customer.mobile,
    };
  });
}
