// Locking for non-payment, and unlocking when the debt is cleared. A customer is overdue when an
// issued invoice is still open after its due date plus the tenant's grace days; the lock goes
// through the customer fan-out (RADIUS group, CoA/Disconnect, router reconcile), as a manual
// suspension does, so the network follows at once. A locked customer with nothing overdue any
// more (paid, voided, credited) is unlocked the same way.
import type { Actor } from "@/lib/audit/actor";
import { Prisma, type Tx } from "@/lib/db";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { lockCustomer, unlockCustomer } from "@/lib/customers/lock-customer";
import type { BillingContext } from "./billing-context";
import { DAILY_LOCK_REASON, dailyLockCanLift } from "./jobs/daily-locks";

export const CUSTOMER_LOCKED = "billing/customer.locked";
export const CUSTOMER_UNLOCKED = "billing/customer.unlocked";
export const LOCK_REASON = "Unpaid invoice past due date and grace period";

/**
 * "This invoice's grace is over": its due instant plus the grace days counted on the tenant's
 * calendar (local wall-clock time N days later, so a DST change does not move it by an hour).
 */
function graceOver(ctx: BillingContext, now: Date, alias: "i" | "" = "i") {
  const due = alias ? Prisma.raw(`${alias}.due_at`) : Prisma.raw("due_at");
  return Prisma.sql`((${due} AT TIME ZONE ${ctx.timeZone}) + make_interval(days => ${ctx.settings.graceDays}::int)) AT TIME ZONE ${ctx.timeZone} <= ${now}`;
}

/** Whether the customer has an issued invoice still open past due + grace. */
export async function isOverdue(tx: Tx, ctx: BillingContext, customerId: string, now = new Date()): Promise<boolean> {
  const rows = await tx.$queryRaw<{ n: bigint }[]>`
    SELECT count(*)::bigint AS n FROM invoices
     WHERE tenant_id = ${ctx.tenantId}::uuid AND customer_id = ${customerId}::uuid AND kind = 'INVOICE'
       AND status IN ('ISSUED', 'PARTIALLY_PAID') AND ${graceOver(ctx, now, "")}`;
  return (rows[0]?.n ?? 0n) > 0n;
}

/** After money moved for a customer: unlock a billing lock that no longer has a reason. */
export async function reviewBillingLock(tx: Tx, ctx: BillingContext, customerId: string, actor: Actor | null, now = new Date()): Promise<"unlocked" | "unchanged"> {
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { lockedAt: true, lockReason: true } });
  if (!customer.lockedAt || (await isOverdue(tx, ctx, customerId, now))) return "unchanged";
  // A prepaid-daily lock lifts when the credit pays for a day again, not merely when nothing is owed.
  if (customer.lockReason === DAILY_LOCK_REASON && !(await dailyLockCanLift(tx, ctx, customerId, now))) return "unchanged";
  const result = await unlockCustomer(tx, { tenantId: ctx.tenantId, customerId, actor, now });
  if (result.changed) {
    await emitEvent(tx, { id: `customer.unlocked:${customerId}:${now.toISOString()}`, name: CUSTOMER_UNLOCKED, tenantId: ctx.tenantId, data: { customerId } });
    return "unlocked";
  }
  return "unchanged";
}

/** Locks one overdue customer (idempotent: an already locked one is left as it is). */
export async function lockOverdueCustomer(tx: Tx, ctx: BillingContext, customerId: string, actor: Actor | null, now = new Date()): Promise<boolean> {
  if (!ctx.settings.autoLock || !(await isOverdue(tx, ctx, customerId, now))) return false;
  const result = await lockCustomer(tx, { tenantId: ctx.tenantId, customerId, reason: LOCK_REASON, actor, now });
  if (result.changed) {
    await emitEvent(tx, { id: `customer.locked:${customerId}:${now.toISOString()}`, name: CUSTOMER_LOCKED, tenantId: ctx.tenantId, data: { customerId, reason: LOCK_REASON } });
  }
  return result.changed;
}

/** The tenant's customers overdue now and not yet locked (for the lock job), at most `limit`. */
export async function overdueUnlockedCustomers(tx: Tx, ctx: BillingContext, now: Date, limit: number): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT i.customer_id AS id FROM invoices i JOIN customers c ON c.id = i.customer_id
     WHERE i.tenant_id = ${ctx.tenantId}::uuid AND i.kind = 'INVOICE' AND i.status IN ('ISSUED', 'PARTIALLY_PAID')
       AND ${graceOver(ctx, now)} AND c.locked_at IS NULL AND c.status = 'ACTIVE'
     LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** Customers locked for unpaid invoices (LOCK_REASON, not a prepaid-daily lock) with nothing overdue any more, at most `limit`. */
export async function settledDebtLocks(tx: Tx, ctx: BillingContext, now: Date, limit: number): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM customers c
     WHERE c.tenant_id = ${ctx.tenantId}::uuid AND c.locked_at IS NOT NULL AND c.lock_reason = ${LOCK_REASON}
       AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id AND i.kind = 'INVOICE' AND i.status IN ('ISSUED', 'PARTIALLY_PAID') AND ${graceOver(ctx, now)})
     ORDER BY c.id
     LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** Tenants where the lock job may have work: an open invoice past its due date, or a customer locked. */
export async function tenantsWithLockWork(tx: Tx, now: Date): Promise<string[]> {
  const rows = await tx.$queryRaw<{ tenant_id: string }[]>`
    SELECT tenant_id FROM invoices WHERE kind = 'INVOICE' AND status IN ('ISSUED', 'PARTIALLY_PAID') AND due_at <= ${now}
    UNION
    SELECT tenant_id FROM customers WHERE locked_at IS NOT NULL`;
  return rows.map((r) => r.tenant_id);
}
