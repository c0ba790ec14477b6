// Prepaid daily (job billing.daily-charges, hourly): once per customer and local day, the day's
// price (the month's price over the days of the month, dailyCharge) is invoiced (source DAILY,
// key daily:<customer>:<local date>) and paid from the customer's credit at once. A customer whose
// credit cannot pay for today is locked instead (and not charged: no service, no debt); one whose
// credit will not pay for tomorrow is charged today and locked (DAILY_LOCK_REASON) until a top-up
// pays for a day again (reviewBillingLock after the payment, or this job's next pass).
import { withTenant, type Tx } from "@/lib/db";
import { lockCustomer, unlockCustomer } from "@/lib/customers/lock-customer";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { localDate } from "../calc/cycle";
import { billingContext, lockCustomerForBilling, type BillingContext } from "../billing-context";
import { createDraftInvoice, issueInvoice } from "../invoices/issue-invoice";
import { CUSTOMER_LOCKED, CUSTOMER_UNLOCKED } from "../locks";
import { DAILY_LOCK_REASON, dailyLockCanLift, dailyPriceOn, nextLocalDate, spendableCredit } from "./daily-locks";

export const DAILY_BATCH = 200;

export interface DailySweep {
  charged: number;
  locked: number;
  unlocked: number;
}

/** Daily customers not yet charged for `today` (or locked for their balance), after `afterId`, in id order. */
async function dailyCustomers(tx: Tx, ctx: BillingContext, today: string, afterId: string, limit: number): Promise<{ id: string; locked_reason: string | null; package_name: string }[]> {
  return tx.$queryRaw`
    SELECT c.id, CASE WHEN c.locked_at IS NULL THEN NULL ELSE c.lock_reason END AS locked_reason, p.name AS package_name
      FROM customers c
      JOIN packages p ON p.id = c.package_id
      LEFT JOIN customer_billing cb ON cb.customer_id = c.id
     WHERE c.tenant_id = ${ctx.tenantId}::uuid AND c.status = 'ACTIVE' AND c.id > ${afterId}::uuid
       AND coalesce(cb.mode, p.billing_mode, ${ctx.settings.defaultMode}::"CustomerBillingMode") = 'PREPAID_DAILY'
       AND NOT coalesce(cb.complimentary, false)
       AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.tenant_id = c.tenant_id AND i.idempotency_key = 'daily:' || c.id::text || ':' || ${today})
     ORDER BY c.id LIMIT ${limit}`;
}

type Outcome = "charged" | "locked" | "unlocked+charged" | "none";

async function chargeOne(tx: Tx, ctx: BillingContext, c: { id: string; locked_reason: string | null; package_name: string }, now: Date, today: string): Promise<Outcome[]> {
  await lockCustomerForBilling(tx, ctx.tenantId, c.id);
  // Locked for another reason (an unpaid invoice): billing's other lock decides; charge nothing meanwhile.
  if (c.locked_reason && c.locked_reason !== DAILY_LOCK_REASON) return ["none"];
  const outcomes: Outcome[] = [];
  const price = await dailyPriceOn(tx, ctx, c.id, today);
  if (price == null) return ["none"];
  const credit = await spendableCredit(tx, ctx, c.id);
  if (credit < price) {
    if (!c.locked_reason) {
      await lockCustomer(tx, { tenantId: ctx.tenantId, customerId: c.id, reason: DAILY_LOCK_REASON, actor: null, now });
      await emitEvent(tx, { id: `customer.locked:${c.id}:${now.toISOString()}`, name: CUSTOMER_LOCKED, tenantId: ctx.tenantId, data: { customerId: c.id, reason: DAILY_LOCK_REASON } });
      return ["locked"];
    }
    return ["none"];
  }
  if (c.locked_reason && (await dailyLockCanLift(tx, ctx, c.id, now))) {
    const r = await unlockCustomer(tx, { tenantId: ctx.tenantId, customerId: c.id, actor: null, now });
    if (r.changed) {
      await emitEvent(tx, { id: `customer.unlocked:${c.id}:${now.toISOString()}`, name: CUSTOMER_UNLOCKED, tenantId: ctx.tenantId, data: { customerId: c.id } });
      outcomes.push("unlocked+charged");
    }
  }
  if (price > 0n) {
    const draft = await createDraftInvoice(tx, ctx, {
      customerId: c.id,
      source: "DAILY",
      idempotencyKey: `daily:${c.id}:${today}`,
      lines: [{ kind: "PERIOD", description: `${c.package_name}: ${today}`, unitPriceMinor: price }],
    });
    await issueInvoice(tx, ctx, draft.id, { at: now });
  }
  outcomes.push("charged");
  // Tomorrow must be paid for too, or the customer is locked now (the next pass unlocks after a top-up).
  const tomorrow = await dailyPriceOn(tx, ctx, c.id, nextLocalDate(today));
  if (tomorrow != null && (await spendableCredit(tx, ctx, c.id)) < tomorrow) {
    const r = await lockCustomer(tx, { tenantId: ctx.tenantId, customerId: c.id, reason: DAILY_LOCK_REASON, actor: null, now });
    if (r.changed) {
      await emitEvent(tx, { id: `customer.locked:${c.id}:${now.toISOString()}`, name: CUSTOMER_LOCKED, tenantId: ctx.tenantId, data: { customerId: c.id, reason: DAILY_LOCK_REASON } });
      outcomes.push("locked");
    }
  }
  return outcomes;
}

/** One tenant's daily charges for the local day of `now`, DAILY_BATCH customers per transaction. */
export async function runDailyCharges(tenantId: string, now = new Date()): Promise<DailySweep> {
  const sweep: DailySweep = { charged: 0, locked: 0, unlocked: 0 };
  let afterId = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const n = await withTenant(tenantId, async (tx) => {
      const ctx = await billingContext(tx, tenantId);
      const today = localDate(now, ctx.timeZone);
      const batch = await dailyCustomers(tx, ctx, today, afterId, DAILY_BATCH);
      for (const c of batch) {
        for (const o of await chargeOne(tx, ctx, c, now, today)) {
          if (o === "charged") sweep.charged++;
          if (o === "locked") sweep.locked++;
          if (o === "unlocked+charged") sweep.unlocked++;
        }
      }
      if (batch.length) afterId = batch.at(-1)!.id;
      return batch.length;
    });
    if (n < DAILY_BATCH) break;
  }
  return sweep;
}

/** Tenants with prepaid-daily customers (the hourly fan-out's list). */
export async function tenantsWithDailyCustomers(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ tenant_id: string }[]>`
    SELECT DISTINCT c.tenant_id FROM customers c
      JOIN packages p ON p.id = c.package_id
      JOIN billing_settings bs ON bs.tenant_id = c.tenant_id
      LEFT JOIN customer_billing cb ON cb.customer_id = c.id
     WHERE c.status = 'ACTIVE' AND coalesce(cb.mode, p.billing_mode, bs.default_mode) = 'PREPAID_DAILY'`;
  return rows.map((r) => r.tenant_id);
}
