// Prepaid-daily customers are locked when their credit cannot pay for a day, with a reason of
// their own (not LOCK_REASON: they owe nothing), and unlocked once their credit pays for a day
// again. reviewBillingLock (after every payment) and the daily-charges job both ask here.
import type { Tx } from "@/lib/db";
import { customerAccounts } from "@/lib/ledger";
import { localDate } from "../calc/cycle";
import { addCivilDays, parseCivil, formatCivil } from "../calc/local-time";
import { dailyCharge } from "../calc/proration";
import type { BillingContext } from "../billing-context";

export const DAILY_LOCK_REASON = "Balance does not cover the next day";

/** The customer's daily price on a local date: its special price or its package's, over the days of that month. */
export async function dailyPriceOn(tx: Tx, ctx: BillingContext, customerId: string, date: string): Promise<bigint | null> {
  const rows = await tx.$queryRaw<{ price: bigint | null }[]>`
    SELECT coalesce(cb.price_minor, p.price_minor) AS price FROM customers c
      LEFT JOIN packages p ON p.id = c.package_id LEFT JOIN customer_billing cb ON cb.customer_id = c.id
     WHERE c.id = ${customerId}::uuid AND c.tenant_id = ${ctx.tenantId}::uuid`;
  const price = rows[0]?.price;
  return price == null ? null : dailyCharge(price, date, ctx.timeZone);
}

/** Credit the customer can spend now (minor units). */
export async function spendableCredit(tx: Tx, ctx: BillingContext, customerId: string): Promise<bigint> {
  const { credit } = await customerAccounts(tx, ctx.tenantId, customerId, ctx.currency);
  const rows = await tx.$queryRaw<{ available: bigint }[]>`
    SELECT (-balance_minor - pending_debits_minor)::bigint AS available FROM ledger_accounts WHERE id = ${credit}::uuid`;
  return rows[0]?.available ?? 0n;
}

export function nextLocalDate(date: string): string {
  return formatCivil(addCivilDays(parseCivil(date), 1));
}

/**
 * Whether a daily lock may be lifted: the credit pays for the day still to be charged (today's
 * when today is not charged yet, else tomorrow's).
 */
export async function dailyLockCanLift(tx: Tx, ctx: BillingContext, customerId: string, now: Date): Promise<boolean> {
  const today = localDate(now, ctx.timeZone);
  const charged = await tx.invoice.findFirst({ where: { tenantId: ctx.tenantId, idempotencyKey: `daily:${customerId}:${today}` }, select: { id: true } });
  const price = await dailyPriceOn(tx, ctx, customerId, charged ? nextLocalDate(today) : today);
  if (price == null) return false;
  return (await spendableCredit(tx, ctx, customerId)) >= price;
}
