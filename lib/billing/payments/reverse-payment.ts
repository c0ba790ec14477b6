// Reversing a payment (bounced transfer, cash recorded against the wrong customer): the money
// comes off the invoices it paid, a reversing ledger transaction takes it out of cash/bank, and
// the payment row records who reversed it, when and why. Never a delete. If the customer's
// credit from this payment was already spent by later allocations, those are undone too (newest
// first) and the remaining credit is spread again oldest first.
import type { Tx } from "@/lib/db";
import type { Payment } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { postTransaction } from "@/lib/ledger";
import { lockCustomerForBilling, type BillingContext } from "../billing-context";
import { allocateCredit, availableCredit } from "./allocate-credit";
import { liveAllocations, unallocate } from "./unallocate";
import { reverseCommissionTx } from "@/lib/resellers/commissions";

export async function reversePaymentTx(tx: Tx, ctx: BillingContext, paymentId: string, options: { reason: string; operatorId: string | null; at?: Date }): Promise<Payment> {
  const found = await tx.payment.findFirst({ where: { id: paymentId, tenantId: ctx.tenantId } });
  if (!found) throw new AppError("NOT_FOUND", { userMessage: "Payment not found." });
  await lockCustomerForBilling(tx, ctx.tenantId, found.customerId);
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
  if (payment.status === "REVERSED") throw new AppError("CONFLICT", { userMessage: `Receipt ${payment.receiptNumber} was already reversed.` });

  // Its own allocations first, then others until the credit covers the amount.
  await unallocate(tx, ctx, payment.customerId, await liveAllocations(tx, ctx, { paymentId: payment.id }));
  let short = payment.amountMinor - (await availableCredit(tx, ctx, payment.customerId));
  if (short > 0n) {
    const others = await liveAllocations(tx, ctx, { customerId: payment.customerId });
    const take = [];
    for (const a of others) {
      if (short <= 0n) break;
      take.push(a);
      short -= a.amountMinor;
    }
    await unallocate(tx, ctx, payment.customerId, take);
  }
  const at = options.at ?? new Date();
  const reversal = await postTransaction(tx, ctx.tenantId, {
    key: `payment:${payment.idempotencyKey}:reverse`,
    event: "payment.reverse",
    memo: `Reversal of receipt ${payment.receiptNumber}: ${options.reason}`.slice(0, 500),
    refType: "payment",
    refId: payment.id,
    customerId: payment.customerId,
    operatorId: options.operatorId,
    effectiveAt: at,
    reverses: payment.transactionId,
  });
  const updated = await tx.payment.update({
    where: { id: payment.id },
    data: { status: "REVERSED", reversedAt: at, reversedById: options.operatorId, reversalReason: options.reason, reversalTransactionId: reversal.transactionId },
  });
  // Its reseller commission, if the job posted one, goes back with it.
  await reverseCommissionTx(tx, ctx.tenantId, payment, at, null);
  await allocateCredit(tx, ctx, payment.customerId);
  return updated;
}
