// The lock job's work for one tenant (job billing.enforce-locks): customers past due + grace are
// locked through the customer fan-out (RADIUS group, live session, router), locked customers with
// nothing overdue any more are unlocked, and, when the tenant sets deactivate_after_days,
// customers locked that long are deactivated (status DISABLED, audited). Batches of LOCK_BATCH
// customers per transaction, so one slow fan-out never holds thousands of rows.
import type { Actor } from "@/lib/audit/actor";
import { withTenant, type Tx } from "@/lib/db";
import { applyCustomerChange } from "@/lib/customers/customer-changed";
import { billingContext, lockCustomerForBilling, type BillingContext } from "../billing-context";
import { LOCK_REASON, lockOverdueCustomer, overdueUnlockedCustomers, reviewBillingLock, settledDebtLocks } from "../locks";

export const LOCK_BATCH = 200;
const MAX_BATCHES = 500;

export interface LockSweep {
  locked: number;
  unlocked: number;
  deactivated: number;
}

const billing = (tenantId: string): Actor => ({ kind: "SYSTEM", tenantId, name: "Billing" });

async function inBatches(tenantId: string, work: (tx: Tx, ctx: BillingContext) => Promise<{ looked: number; changed: number }>): Promise<number> {
  let changed = 0;
  for (let b = 0; b < MAX_BATCHES; b++) {
    const r = await withTenant(tenantId, async (tx) => work(tx, await billingContext(tx, tenantId)));
    changed += r.changed;
    if (r.looked < LOCK_BATCH || r.changed === 0) break;
  }
  return changed;
}

/** Customers locked for non-payment for `days` local days and still not settled: disabled. */
async function lockedLongAgo(tx: Tx, ctx: BillingContext, now: Date, days: number, limit: number): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM customers
     WHERE tenant_id = ${ctx.tenantId}::uuid AND locked_at IS NOT NULL AND lock_reason = ${LOCK_REASON} AND status IN ('ACTIVE', 'SUSPENDED')
       AND ((locked_at AT TIME ZONE ${ctx.timeZone}) + make_interval(days => ${days}::int)) AT TIME ZONE ${ctx.timeZone} <= ${now}
     ORDER BY id LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

async function deactivate(tx: Tx, ctx: BillingContext, customerId: string, days: number, now: Date): Promise<boolean> {
  await lockCustomerForBilling(tx, ctx.tenantId, customerId);
  const before = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
  const done = await tx.customer.updateMany({ where: { id: customerId, tenantId: ctx.tenantId, status: { in: ["ACTIVE", "SUSPENDED"] }, lockedAt: { not: null } }, data: { status: "DISABLED" } });
  if (!done.count) return false;
  const after = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
  await applyCustomerChange(tx, {
    tenantId: ctx.tenantId,
    before,
    after,
    reason: "deactivated for non-payment",
    now,
    audit: { actor: billing(ctx.tenantId), action: "customer.deactivate", before: { status: before.status }, after: { status: "DISABLED", reason: `Locked for non-payment for ${days} days` } },
  });
  return true;
}

export async function enforceLocks(tenantId: string, now = new Date()): Promise<LockSweep> {
  const locked = await inBatches(tenantId, async (tx, ctx) => {
    if (!ctx.settings.autoLock) return { looked: 0, changed: 0 };
    const ids = await overdueUnlockedCustomers(tx, ctx, now, LOCK_BATCH);
    let changed = 0;
    for (const id of ids) {
      await lockCustomerForBilling(tx, tenantId, id);
      if (await lockOverdueCustomer(tx, ctx, id, null, now)) changed++;
    }
    return { looked: ids.length, changed };
  });
  const unlocked = await inBatches(tenantId, async (tx, ctx) => {
    const ids = await settledDebtLocks(tx, ctx, now, LOCK_BATCH);
    let changed = 0;
    for (const id of ids) {
      await lockCustomerForBilling(tx, tenantId, id);
      if ((await reviewBillingLock(tx, ctx, id, null, now)) === "unlocked") changed++;
    }
    return { looked: ids.length, changed };
  });
  const deactivated = await inBatches(tenantId, async (tx, ctx) => {
    const days = ctx.settings.deactivateAfterDays;
    if (!days) return { looked: 0, changed: 0 };
    const ids = await lockedLongAgo(tx, ctx, now, days, LOCK_BATCH);
    let changed = 0;
    for (const id of ids) if (await deactivate(tx, ctx, id, days, now)) changed++;
    return { looked: ids.length, changed };
  });
  return { locked, unlocked, deactivated };
}
