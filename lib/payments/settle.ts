// From a gateway's verified word to our money, exactly once (docs/payments.md, "One payment path").
// A success for an attempt we started credits the customer through receivePayment (key
// "gateway:<attempt id>": however many callbacks, queries and retries arrive, one payment), which
// allocates it to open invoices oldest first; a renewal attempt then renews the prepaid customer
// from that credit; a lock for non-payment lifts (reviewBillingLock); payment.received is emitted
// by receivePayment. Money announced for an account (M-Pesa C2B, the generic webhook) is deduped on
// the gateway's transaction id; for an account we do not know it waits in suspense until an
// operator allocates it. Failures only ever move a pending attempt; a success is never undone by a
// late or out-of-order failure.
import type { Actor, OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db";
import type { GatewayPayment, PaymentGateway, PaymentMethod } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { ensureAccount, postTransaction, systemAccount } from "@/lib/ledger";
import { formatMoney } from "@/lib/money/format-money";
import { billingContext, type BillingContext } from "@/lib/billing/billing-context";
import { visibleCustomer } from "@/lib/billing/billing-access";
import { availableCredit } from "@/lib/billing/payments/allocate-credit";
import { receivePayment } from "@/lib/billing/payments/receive-payment";
import { reviewBillingLock } from "@/lib/billing/locks";
import { renewTx } from "@/lib/billing/renewals/renew";
import { customerTerms } from "@/lib/billing/terms";
import type { GatewayEvent } from "./gateways/types";

export type SettleOutcome = { outcome: "ACCEPTED" | "DUPLICATE" | "IGNORED" | "REJECTED"; reason: string; gatewayPaymentId?: string | null };

const METHOD: Record<PaymentGateway["kind"], PaymentMethod> = {
  MPESA: "MOBILE_MONEY",
  BKASH: "MOBILE_MONEY",
  STRIPE: "CARD",
  PAYPAL: "GATEWAY",
  PAYMONGO: "GATEWAY",
  GENERIC: "GATEWAY",
};

/** Money at the gateway, not yet in the bank: one clearing account per gateway. */
export function gatewayClearingAccount(tx: Tx, gateway: Pick<PaymentGateway, "id" | "tenantId" | "name">, currency: string): Promise<string> {
  return ensureAccount(tx, gateway.tenantId, { code: `gateway:${gateway.id}`, name: `Gateway: ${gateway.name}`.slice(0, 120), type: "ASSET", currency });
}

const system = (tenantId: string): Actor => ({ kind: "SYSTEM", tenantId, name: "Payment gateway" });

async function lockAttempt(tx: Tx, where: { gatewayId: string; gatewayRef?: string; gatewayTxnId?: string }): Promise<GatewayPayment | null> {
  const rows = where.gatewayRef
    ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM gateway_payments WHERE gateway_id = ${where.gatewayId}::uuid AND gateway_ref = ${where.gatewayRef} FOR UPDATE`
    : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM gateway_payments WHERE gateway_id = ${where.gatewayId}::uuid AND gateway_txn_id = ${where.gatewayTxnId!} FOR UPDATE`;
  return rows[0] ? tx.gatewayPayment.findUniqueOrThrow({ where: { id: rows[0].id } }) : null;
}

/** Credits a customer's attempt (or announced money) in the caller's transaction: payment, allocation, renewal, unlock. */
async function credit(tx: Tx, ctx: BillingContext, gateway: PaymentGateway, gp: GatewayPayment, customerId: string, txnId: string | null, actor: Actor, operatorId: string | null) {
  const clearing = gatewayClearingAccount(tx, gateway, gp.currency);
  const received = await receivePayment(tx, ctx, {
    customerId,
    method: METHOD[gateway.kind],
    amountMinor: gp.amountMinor,
    reference: `${gateway.name}: ${txnId ?? gp.gatewayRef ?? gp.id}`.slice(0, 200),
    collectedById: operatorId,
    idempotencyKey: `gateway:${gp.id}`,
    fundedBy: [{ accountId: await clearing, amountMinor: gp.amountMinor }],
  });
  await tx.gatewayPayment.update({
    where: { id: gp.id },
    data: { status: "SUCCEEDED", customerId, paymentId: received.payment.id, settledAt: new Date(), gatewayTxnId: txnId ?? gp.gatewayTxnId, nextCheckAt: null, failureCode: null, failureReason: null },
  });
  // A renewal attempt buys the next period from the credit it made (a monthly customer's money
  // stays on its invoices; too little credit, e.g. an old invoice took part of it, stays on account).
  if (gp.purpose === "RENEWAL") {
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, include: { package: true } });
    const terms = customer.package ? await customerTerms(tx, ctx, customerId, customer.package) : null;
    if (terms && terms.mode !== "MONTHLY_ADVANCE" && (await availableCredit(tx, ctx, customerId)) >= terms.priceMinor) {
      await renewTx(tx, ctx, { customerId, payWith: "CREDIT", key: `gateway:${gp.id}`, operatorId, actor, reference: txnId ?? gp.gatewayRef });
    }
  }
  await reviewBillingLock(tx, ctx, customerId, actor);
  return received.payment;
}

/** Applies one verified gateway event (from a callback, or the gateway's status query). */
export async function settleEvent(gateway: PaymentGateway, event: GatewayEvent): Promise<SettleOutcome> {
  if (event.type === "ignored") return { outcome: "IGNORED", reason: event.reason };
  return withTenant(gateway.tenantId, async (tx) => {
    const ctx = await billingContext(tx, gateway.tenantId);
    const actor = system(gateway.tenantId);

    if (event.type === "succeeded" && !event.gatewayRef) return announced(tx, ctx, gateway, event, actor);

    const gp = await lockAttempt(tx, { gatewayId: gateway.id, gatewayRef: event.gatewayRef! });
    // Not ours (the gateway account also serves something else, or the attempt was never stored):
    // acknowledged and kept with the reason, so the gateway does not retry it for days.
    if (!gp) return { outcome: "IGNORED", reason: `No payment of ours has the reference ${JSON.stringify(event.gatewayRef!.slice(0, 80))}.` };
    const id = gp.id;

    if (event.type === "pending") return { outcome: "IGNORED", reason: "Still waiting for the customer.", gatewayPaymentId: id };
    if (event.type !== "succeeded") {
      if (gp.status !== "PENDING") return { outcome: "IGNORED", reason: `A late notice (${event.type}) for a payment already ${gp.status.toLowerCase()}.`, gatewayPaymentId: id };
      const status = event.type === "failed" ? "FAILED" : event.type === "cancelled" ? "CANCELLED" : "EXPIRED";
      await tx.gatewayPayment.update({ where: { id }, data: { status, failureCode: event.code ?? null, failureReason: event.reason.slice(0, 500), nextCheckAt: null } });
      return { outcome: "ACCEPTED", reason: event.reason, gatewayPaymentId: id };
    }

    if (gp.status === "SUCCEEDED") return { outcome: "DUPLICATE", reason: "Already credited.", gatewayPaymentId: id };
    if (gp.status === "SUSPENSE") return { outcome: "DUPLICATE", reason: "Already received (in suspense).", gatewayPaymentId: id };
    if (event.amountMinor !== null && (event.amountMinor !== gp.amountMinor || event.currency !== gp.currency)) {
      return {
        outcome: "REJECTED",
        reason: `The callback says ${formatMoney(event.amountMinor, event.currency)}, the payment asked for ${formatMoney(gp.amountMinor, gp.currency)}: not credited.`,
        gatewayPaymentId: id,
      };
    }
    if (event.txnId) {
      const other = await tx.gatewayPayment.findUnique({ where: { gatewayId_gatewayTxnId: { gatewayId: gateway.id, gatewayTxnId: event.txnId } } });
      if (other && other.id !== id) return { outcome: "DUPLICATE", reason: `Transaction ${event.txnId} was already credited to another payment.`, gatewayPaymentId: other.id };
    }
    if (!gp.customerId) {
      // A test payment: real money, nobody's, until an operator allocates or refunds it.
      const clearing = await gatewayClearingAccount(tx, gateway, gp.currency);
      const suspense = await systemAccount(tx, gateway.tenantId, "suspense", gp.currency);
      await postTransaction(tx, gateway.tenantId, {
        key: `gateway-suspense:${id}`,
        event: "payment.suspense",
        memo: `${gateway.name}: test payment ${event.txnId ?? gp.gatewayRef ?? ""}`.trim(),
        refType: "gateway_payment",
        refId: id,
        legs: [
          { accountId: clearing, amountMinor: gp.amountMinor },
          { accountId: suspense, amountMinor: -gp.amountMinor },
        ],
      });
      await tx.gatewayPayment.update({ where: { id }, data: { status: "SUSPENSE", settledAt: new Date(), gatewayTxnId: event.txnId ?? null, nextCheckAt: null } });
      return { outcome: "ACCEPTED", reason: "Test payment received: in suspense until allocated.", gatewayPaymentId: id };
    }
    const payment = await credit(tx, ctx, gateway, gp, gp.customerId, event.txnId ?? null, actor, gp.startedByOperatorId);
    return { outcome: "ACCEPTED", reason: `Credited: receipt ${payment.receiptNumber}.`, gatewayPaymentId: id };
  });
}

/** Money announced for an account (M-Pesa C2B, a generic webhook): credited to the customer with that username, else suspense. */
async function announced(tx: Tx, ctx: BillingContext, gateway: PaymentGateway, event: Extract<GatewayEvent, { type: "succeeded" }>, actor: Actor): Promise<SettleOutcome> {
  if (!event.txnId || event.amountMinor === null || event.amountMinor <= 0n) return { outcome: "REJECTED", reason: "Announced money needs a transaction id and an amount." };
  if (event.currency !== ctx.currency) return { outcome: "REJECTED", reason: `The money is in ${event.currency}, the ISP bills in ${ctx.currency}.` };
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`gateway-txn:${gateway.id}:${event.txnId}`}, 0))`;
  const seen = await lockAttempt(tx, { gatewayId: gateway.id, gatewayTxnId: event.txnId });
  if (seen) return { outcome: "DUPLICATE", reason: `Transaction ${event.txnId} was already received.`, gatewayPaymentId: seen.id };
  const account = event.accountRef?.trim() ?? "";
  const customer = account ? await tx.customer.findFirst({ where: { tenantId: gateway.tenantId, username: account }, select: { id: true } }) : null;
  const base = {
    tenantId: gateway.tenantId,
    gatewayId: gateway.id,
    purpose: "ANNOUNCED" as const,
    amountMinor: event.amountMinor,
    currency: event.currency,
    gatewayTxnId: event.txnId,
    phone: event.phone?.slice(0, 40) ?? null,
    accountRef: account.slice(0, 100) || null,
    idempotencyKey: `announced:${gateway.id}:${event.txnId}`,
  };
  if (!customer) {
    const gp = await tx.gatewayPayment.create({ data: { ...base, customerId: null, status: "SUSPENSE", settledAt: new Date(), failureReason: account ? `No customer has the account number ${account.slice(0, 60)}.` : "No account number given." } });
    const clearing = await gatewayClearingAccount(tx, gateway, event.currency);
    const suspense = await systemAccount(tx, gateway.tenantId, "suspense", event.currency);
    await postTransaction(tx, gateway.tenantId, {
      key: `gateway-suspense:${gp.id}`,
      event: "payment.suspense",
      memo: `${gateway.name}: ${event.txnId} for unknown account ${account.slice(0, 40) || "(none)"}`,
      refType: "gateway_payment",
      refId: gp.id,
      legs: [
        { accountId: clearing, amountMinor: event.amountMinor },
        { accountId: suspense, amountMinor: -event.amountMinor },
      ],
    });
    return { outcome: "ACCEPTED", reason: `In suspense: ${gp.failureReason}`, gatewayPaymentId: gp.id };
  }
  const gp = await tx.gatewayPayment.create({ data: { ...base, customerId: customer.id } });
  const payment = await credit(tx, ctx, gateway, gp, customer.id, event.txnId, actor, null);
  return { outcome: "ACCEPTED", reason: `Credited to ${account}: receipt ${payment.receiptNumber}.`, gatewayPaymentId: gp.id };
}

/** An operator gives money held in suspense to the customer it belongs to. */
export async function allocateSuspense(actor: OperatorActor, input: { gatewayPaymentId: string; username: string }) {
  assertCan(actor, "billing:manage");
  return withTenant(actor.tenantId, async (tx) => {
    if (!isUuid(input.gatewayPaymentId)) throw new AppError("NOT_FOUND", { userMessage: "Payment not found." });
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM gateway_payments WHERE id = ${input.gatewayPaymentId}::uuid AND tenant_id = ${actor.tenantId}::uuid FOR UPDATE`;
    const gp = row ? await tx.gatewayPayment.findUniqueOrThrow({ where: { id: row.id } }) : null;
    if (!gp) throw new AppError("NOT_FOUND", { userMessage: "Payment not found." });
    if (gp.status !== "SUSPENSE") throw new AppError("CONFLICT", { userMessage: "Only money in suspense can be allocated." });
    const username = String(input.username ?? "").trim();
    const found = username ? await tx.customer.findFirst({ where: { tenantId: actor.tenantId, username }, select: { id: true } }) : null;
    if (!found) throw new AppError("VALIDATION", { fieldErrors: { username: ["No customer has this username."] } });
    const customer = await visibleCustomer(tx, actor, found.id);
    const gateway = await tx.paymentGateway.findUniqueOrThrow({ where: { id: gp.gatewayId } });
    const ctx = await billingContext(tx, actor.tenantId);
    const suspense = await systemAccount(tx, actor.tenantId, "suspense", gp.currency);
    const received = await receivePayment(tx, ctx, {
      customerId: customer.id,
      method: METHOD[gateway.kind],
      amountMinor: gp.amountMinor,
      reference: `${gateway.name}: ${gp.gatewayTxnId ?? gp.gatewayRef ?? gp.id}`.slice(0, 200),
      collectedById: actor.id,
      idempotencyKey: `gateway:${gp.id}`,
      fundedBy: [{ accountId: suspense, amountMinor: gp.amountMinor }],
    });
    await tx.gatewayPayment.update({ where: { id: gp.id }, data: { status: "SUCCEEDED", customerId: customer.id, paymentId: received.payment.id, settledAt: new Date() } });
    await reviewBillingLock(tx, ctx, customer.id, actor);
    await recordAudit(tx, { actor, action: "payment.allocate_suspense", targetType: "Customer", targetId: customer.id, after: { gatewayPaymentId: gp.id, amountMinor: gp.amountMinor, txn: gp.gatewayTxnId, receipt: received.payment.receiptNumber } });
    return received.payment;
  });
}
