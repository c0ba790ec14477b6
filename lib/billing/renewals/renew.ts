// Renewal (recharge) of a prepaid customer: one more validity of its package from
// max(now, expiry), charged at its price (an issued RENEWAL invoice, paid from the money taken
// with it or from credit, or left on account), service restored at once through the customer
// fan-out. Idempotent by key: the same key is the same renewal, however often it is submitted.
import type { Actor } from "@/lib/audit/actor";
import type { Tx } from "@/lib/db";
import type { Customer, Invoice, Package, Payment, PaymentMethod } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { applyCustomerChange } from "@/lib/customers/customer-changed";
import { extendValidity, renewalStart } from "../calc/validity";
import { localDate } from "../calc/cycle";
import { lockCustomerForBilling, type BillingContext } from "../billing-context";
import { createDraftInvoice, issueInvoice } from "../invoices/issue-invoice";
import { availableCredit } from "../payments/allocate-credit";
import { applyScheduledPackageTx } from "../package-change/apply-scheduled-package";
import { receivePayment } from "../payments/receive-payment";
import { reviewBillingLock } from "../locks";
import { customerTerms } from "../terms";
import type { Leg } from "@/lib/ledger";

export type PayWith = PaymentMethod | "CREDIT" | "ON_ACCOUNT";

/**
 * Where the money of a renewal comes from when it is not a cash or bank payment: a reseller's
 * wallet (lib/resellers/recharge.ts), a voucher (lib/vouchers/redeem.ts). The legs are debits
 * that sum to the renewal's price.
 */
export interface PaymentFunding {
  legs: (priceMinor: bigint, pkg: Package, periods: number) => Leg[];
}

export interface RenewInput {
  customerId: string;
  payWith: PayWith;
  /** Validity periods to add (1 by default). */
  periods?: number;
  reference?: string | null;
  /** The business event: one key, one renewal. */
  key: string;
  operatorId: string | null;
  actor: Actor;
  now?: Date;
  /** Required with payWith RESELLER_WALLET and VOUCHER. */
  funding?: PaymentFunding;
}

export interface Renewed {
  invoice: Invoice;
  customer: Customer;
  /** The payment taken for it (cash, bank transfer...): its receipt. None when paid from credit or put on account. */
  payment: Payment | null;
  existed: boolean;
}

export async function renewTx(tx: Tx, ctx: BillingContext, input: RenewInput): Promise<Renewed> {
  const now = input.now ?? new Date();
  const periods = input.periods ?? 1;
  if (!Number.isInteger(periods) || periods < 1 || periods > 24) throw new AppError("VALIDATION", { userMessage: "Renew for 1 to 24 periods.", fieldErrors: { periods: ["1 to 24."] } });
  await lockCustomerForBilling(tx, ctx.tenantId, input.customerId);
  const invoiceKey = `renewal:${input.key}`;
  const done = await tx.invoice.findFirst({ where: { tenantId: ctx.tenantId, idempotencyKey: invoiceKey } });
  if (done) {
    const [customer, payment] = await Promise.all([
      tx.customer.findUniqueOrThrow({ where: { id: input.customerId } }),
      tx.payment.findUnique({ where: { tenantId_idempotencyKey: { tenantId: ctx.tenantId, idempotencyKey: invoiceKey } } }),
    ]);
    return { invoice: done, customer, payment, existed: true };
  }

  // A package change scheduled for expiry takes effect with the renewal that buys the next period
  // (a renewal before expiry brings it forward).
  await applyScheduledPackageTx(tx, ctx, input.customerId, { actor: input.actor, now });
  const before = await tx.customer.findUniqueOrThrow({ where: { id: input.customerId }, include: { package: true } });
  const pkg = before.package;
  if (!pkg) throw new AppError("VALIDATION", { userMessage: "The customer has no package to renew.", fieldErrors: { packageId: ["Choose a package first."] } });
  if (pkg.status !== "ACTIVE") throw new AppError("VALIDATION", { userMessage: `The package "${pkg.name}" is archived: change the customer's package first.` });
  if (before.status === "DISABLED") throw new AppError("CONFLICT", { userMessage: "A disabled customer cannot be renewed: activate it first." });
  const terms = await customerTerms(tx, ctx, before.id, pkg);
  if (terms.mode === "MONTHLY_ADVANCE") throw new AppError("CONFLICT", { userMessage: "This customer is billed monthly: record a payment against the invoice instead." });

  const priceMinor = terms.priceMinor * BigInt(periods);
  const start = renewalStart(now, before.expiresAt);
  const end = extendValidity(start, pkg.validityValue * periods, pkg.validityUnit, ctx.timeZone);

  if (input.payWith === "CREDIT" && (await availableCredit(tx, ctx, before.id)) < priceMinor) {
    throw new AppError("VALIDATION", { userMessage: "The customer's credit does not cover this renewal.", fieldErrors: { payWith: ["Not enough credit."] } });
  }
  let payment: Payment | null = null;
  const funded = input.payWith === "RESELLER_WALLET" || input.payWith === "VOUCHER";
  if (funded !== Boolean(input.funding)) throw new AppError("INTERNAL", { userMessage: "A wallet or voucher renewal needs its funding, and only those have one." });
  if (input.payWith !== "CREDIT" && input.payWith !== "ON_ACCOUNT" && priceMinor > 0n) {
    ({ payment } = await receivePayment(tx, ctx, {
      fundedBy: input.funding?.legs(priceMinor, pkg, periods),
      customerId: before.id,
      method: input.payWith,
      amountMinor: priceMinor,
      reference: input.reference ?? null,
      collectedById: input.operatorId,
      receivedAt: now,
      idempotencyKey: invoiceKey,
    }));
  }
  const draft = await createDraftInvoice(tx, ctx, {
    customerId: before.id,
    source: "RENEWAL",
    packageId: pkg.id,
    periodStart: start,
    periodEnd: end,
    idempotencyKey: invoiceKey,
    createdById: input.operatorId,
    lines: [
      {
        kind: "PERIOD",
        description: `${pkg.name}: ${localDate(start, ctx.timeZone)} to ${localDate(end, ctx.timeZone)}${terms.complimentary ? " (complimentary)" : ""}`,
        quantity: periods,
        unitPriceMinor: terms.complimentary ? 0n : (terms.row?.priceMinor ?? pkg.priceMinor),
        packageId: pkg.id,
        periodStart: start,
        periodEnd: end,
      },
    ],
  });
  const invoice = await issueInvoice(tx, ctx, draft.id, { at: now, operatorId: input.operatorId });

  const after = await tx.customer.update({
    where: { id: before.id },
    data: { expiresAt: end, dataCapReachedAt: null, ...(before.status === "EXPIRED" ? { status: "ACTIVE" } : {}) },
  });
  const { package: _pkg, ...beforeRow } = before;
  void _pkg;
  await applyCustomerChange(tx, {
    tenantId: ctx.tenantId,
    before: beforeRow,
    after,
    reason: "renewed",
    now,
    audit: { actor: input.actor, action: "customer.renew", before: { expiresAt: before.expiresAt }, after: { expiresAt: end, invoice: invoice.number, payWith: input.payWith, priceMinor } },
  });
  await reviewBillingLock(tx, ctx, before.id, input.actor, now);
  return { invoice, customer: after, payment, existed: false };
}
