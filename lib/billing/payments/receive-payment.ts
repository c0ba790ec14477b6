// Money received from a customer: numbered receipt, ledger (cash or bank against the customer's
// credit), then the credit goes to open invoices oldest first. Idempotent by key: the same key
// returns the payment already recorded (and refuses one that differs), so a double click, a
// retried request or a gateway's repeated callback records the money once.
import type { Tx } from "@/lib/db";
import type { Payment, PaymentMethod } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { collectorCashAccount, customerAccounts, postTransaction, systemAccount, type Leg } from "@/lib/ledger";
import { lockCustomerForBilling, type BillingContext } from "../billing-context";
import { nextDocumentNumber } from "../numbering";
import { allocateCredit, type Allocation } from "./allocate-credit";

export const PAYMENT_RECEIVED = "billing/payment.received";

export interface ReceivePaymentInput {
  customerId: string;
  method: PaymentMethod;
  amountMinor: bigint;
  reference?: string | null;
  notes?: string | null;
  /** The operator who took the money (cash) or recorded it. */
  collectedById?: string | null;
  receivedAt?: Date;
  /** From the business event: a form's one-time token, "mpesa:<receipt>", "bank:<reference>". */
  idempotencyKey: string;
  /**
   * Where the money comes from when it is not one cash or bank account: a reseller's recharge is
   * its wallet at its buy price plus the reseller's margin (lib/resellers/recharge.ts). The legs
   * are debits summing to the amount.
   */
  fundedBy?: Leg[];
}

export interface Received {
  payment: Payment;
  allocations: Allocation[];
  /** Already recorded under this key: nothing new was written. */
  existed: boolean;
}

/** The account the money arrived in. */
async function moneyAccount(tx: Tx, ctx: BillingContext, input: ReceivePaymentInput): Promise<string> {
  if (input.method === "CASH") {
    return input.collectedById ? collectorCashAccount(tx, ctx.tenantId, input.collectedById, ctx.currency) : systemAccount(tx, ctx.tenantId, "cash", ctx.currency);
  }
  return systemAccount(tx, ctx.tenantId, "bank", ctx.currency);
}

export async function receivePayment(tx: Tx, ctx: BillingContext, input: ReceivePaymentInput): Promise<Received> {
  if (input.amountMinor <= 0n) throw new AppError("VALIDATION", { userMessage: "The amount must be more than zero.", fieldErrors: { amount: ["Must be more than zero."] } });
  await lockCustomerForBilling(tx, ctx.tenantId, input.customerId);
  const existing = await tx.payment.findUnique({ where: { tenantId_idempotencyKey: { tenantId: ctx.tenantId, idempotencyKey: input.idempotencyKey } } });
  if (existing) {
    if (existing.customerId !== input.customerId || existing.amountMinor !== input.amountMinor || existing.method !== input.method) {
      throw new AppError("CONFLICT", { userMessage: "This payment was already recorded with different details." });
    }
    return { payment: existing, allocations: [], existed: true };
  }
  const receivedAt = input.receivedAt ?? new Date();
  const receiptNumber = await nextDocumentNumber(tx, ctx.tenantId, "RCT", ctx.settings.receiptPattern, receivedAt, ctx.timeZone);
  if (input.fundedBy && input.fundedBy.reduce((sum, l) => sum + l.amountMinor, 0n) !== input.amountMinor) {
    throw new AppError("INTERNAL", { userMessage: "The payment's sources do not add up to its amount." });
  }
  const [money, accounts] = await Promise.all([input.fundedBy ? null : moneyAccount(tx, ctx, input), customerAccounts(tx, ctx.tenantId, input.customerId, ctx.currency)]);
  const posted = await postTransaction(tx, ctx.tenantId, {
    key: `payment:${input.idempotencyKey}`,
    event: `payment.${input.method.toLowerCase()}`,
    memo: `Receipt ${receiptNumber}`,
    refType: "payment",
    customerId: input.customerId,
    operatorId: input.collectedById ?? null,
    effectiveAt: receivedAt,
    legs: [...(input.fundedBy ?? [{ accountId: money!, amountMinor: input.amountMinor }]), { accountId: accounts.credit, amountMinor: -input.amountMinor }],
  });
  const payment = await tx.payment.create({
    data: {
      tenantId: ctx.tenantId,
      customerId: input.customerId,
      method: input.method,
      amountMinor: input.amountMinor,
      currency: ctx.currency,
      reference: input.reference ?? null,
      notes: input.notes ?? null,
      receiptNumber,
      collectedById: input.collectedById ?? null,
      receivedAt,
      idempotencyKey: input.idempotencyKey,
      transactionId: posted.transactionId,
    },
  });
  const allocations = await allocateCredit(tx, ctx, input.customerId, { paymentId: payment.id });
  await emitEvent(tx, {
    id: `payment.received:${payment.id}`,
    name: PAYMENT_RECEIVED,
    tenantId: ctx.tenantId,
    data: { paymentId: payment.id, customerId: input.customerId, amountMinor: input.amountMinor.toString(), method: input.method },
  });
  return { payment, allocations, existed: false };
}
