// The doors for payments: record one (cash by the operator who took it, a bank transfer with its
// reference), reverse one (audited), and the day's cash per collector.
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseAmount } from "@/lib/money/parse-amount";
import { assertCan } from "@/lib/auth/permissions";
import { visibleCustomer } from "../billing-access";
import { billingContext } from "../billing-context";
import { recordPaymentSchema, reversePaymentSchema, type RecordPaymentInput } from "../billing.schema";
import { localDate, startOfLocalDay, startOfNextLocalDay } from "../calc/cycle";
import { reviewBillingLock } from "../locks";
import { receivePayment } from "./receive-payment";
import { reversePaymentTx } from "./reverse-payment";

export async function recordPayment(actor: OperatorActor, input: RecordPaymentInput) {
  assertCan(actor, "billing:collect");
  const data = recordPaymentSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, actor, data.customerId);
    const ctx = await billingContext(tx, actor.tenantId);
    const amountMinor = parseAmount(data.amount, ctx.currency, { field: "amount" });
    if (amountMinor <= 0n) throw new AppError("VALIDATION", { userMessage: "The amount must be more than zero.", fieldErrors: { amount: ["Must be more than zero."] } });
    const result = await receivePayment(tx, ctx, {
      customerId: customer.id,
      method: data.method,
      amountMinor,
      reference: data.reference,
      notes: data.notes,
      collectedById: actor.id,
      idempotencyKey: `form:${actor.id}:${data.idempotencyKey}`,
    });
    if (!result.existed) {
      await recordAudit(tx, { actor, action: "payment.record", targetType: "Customer", targetId: customer.id, after: { receipt: result.payment.receiptNumber, amountMinor, method: data.method, reference: data.reference, allocations: result.allocations } });
      await reviewBillingLock(tx, ctx, customer.id, actor);
    }
    return result;
  });
}

export async function reversePayment(actor: OperatorActor, input: { paymentId: string; reason: string }) {
  assertCan(actor, "billing:manage");
  const data = reversePaymentSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const payment = await tx.payment.findFirst({ where: { id: data.paymentId, tenantId: actor.tenantId } });
    if (!payment) throw new AppError("NOT_FOUND", { userMessage: "Payment not found." });
    await visibleCustomer(tx, actor, payment.customerId);
    const ctx = await billingContext(tx, actor.tenantId);
    const reversed = await reversePaymentTx(tx, ctx, payment.id, { reason: data.reason, operatorId: actor.id });
    await recordAudit(tx, { actor, action: "payment.reverse", targetType: "Customer", targetId: payment.customerId, before: { receipt: payment.receiptNumber, amountMinor: payment.amountMinor }, after: { reason: data.reason } });
    return reversed;
  });
}

export interface CashInHandRow {
  collectorId: string | null;
  collectorName: string;
  payments: number;
  amountMinor: bigint;
}

/** Cash taken per collector on one local day (the tenant's zone), reversals left out. */
export async function cashInHand(actor: OperatorActor, day?: string) {
  assertCan(actor, "billing:view");
  return withTenant(actor.tenantId, async (tx) => {
    const ctx = await billingContext(tx, actor.tenantId);
    const date = day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : localDate(new Date(), ctx.timeZone);
    const from = startOfLocalDay(date, ctx.timeZone);
    const to = startOfNextLocalDay(date, ctx.timeZone);
    const rows = await tx.$queryRaw<{ collector_id: string | null; name: string | null; payments: bigint; amount: bigint }[]>`
      SELECT p.collected_by_id AS collector_id, o.name, count(*)::bigint AS payments, sum(p.amount_minor)::bigint AS amount
        FROM payments p LEFT JOIN operators o ON o.id = p.collected_by_id
       WHERE p.tenant_id = ${actor.tenantId}::uuid AND p.method = 'CASH' AND p.status = 'RECEIVED'
         AND p.received_at >= ${from} AND p.received_at < ${to}
       GROUP BY p.collected_by_id, o.name ORDER BY amount DESC`;
    const collectors: CashInHandRow[] = rows.map((r) => ({ collectorId: r.collector_id, collectorName: r.name ?? "Unassigned", payments: Number(r.payments), amountMinor: r.amount }));
    return { date, currency: ctx.currency, collectors, totalMinor: collectors.reduce((s, c) => s + c.amountMinor, 0n) };
  });
}
