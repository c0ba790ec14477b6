// Who the bill run bills: customers whose effective mode (their own, else their package's, else
// the tenant's default: the terms.ts order) is MONTHLY_ADVANCE, in service or suspended (not
// paused, not disabled), not complimentary, on a package, and whose current period has ended or
// who have no period yet (customers created before billing existed). One query, one batch.
import { Prisma, type Tx } from "@/lib/db";
import type { BillingContext } from "../billing-context";

export interface DueCustomer {
  customerId: string;
  packageId: string;
  packageName: string;
  /** Special price for this customer, or null for the package's. */
  specialPriceMinor: bigint | null;
  packagePriceMinor: bigint;
  /** A downgrade waiting for the next period (its price and name), or null. */
  nextPackageId: string | null;
  nextPackageName: string | null;
  nextPackagePriceMinor: bigint | null;
  hasRow: boolean;
  billingDay: number | null;
  anchorAt: Date | null;
  periodStart: Date | null;
  periodEnd: Date | null;
}

function dueWhere(ctx: BillingContext, now: Date) {
  return Prisma.sql`
    c.tenant_id = ${ctx.tenantId}::uuid AND c.status IN ('ACTIVE', 'SUSPENDED')
    AND coalesce(cb.mode, p.billing_mode, ${ctx.settings.defaultMode}::"CustomerBillingMode") = 'MONTHLY_ADVANCE'
    AND NOT coalesce(cb.complimentary, false)
    AND (cb.period_end IS NULL OR cb.period_end <= ${now})`;
}

const NO_ID = "00000000-0000-0000-0000-000000000000";

/**
 * How the run splits a tenant's customers: the id of every `size`-th customer in id order (an
 * index-only walk of customers_tenant_id_id_idx). Range k holds the customers after boundary
 * k-1 up to and including boundary k; the last range is open-ended. Ranges are disjoint, so two
 * can be billed at once, and each is small: PostgreSQL cannot estimate how many customers the
 * mode rule keeps, and without a bound it joined and sorted every customer still due for each
 * batch (400 ms a batch at 100,000 due).
 */
export async function customerRanges(tx: Tx, tenantId: string, size: number): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT x.id::text AS id
      FROM (SELECT c.id, row_number() OVER (ORDER BY c.id) AS n FROM customers c WHERE c.tenant_id = ${tenantId}::uuid) x
     WHERE x.n % ${size} = 0
     ORDER BY x.id`;
  return rows.map((r) => r.id);
}

/** The customers after `after` up to and including `upTo` (null: no upper end). */
function inRange(after: string | null, upTo: string | null) {
  return upTo === null ? Prisma.sql`c.id > ${after ?? NO_ID}::uuid` : Prisma.sql`c.id > ${after ?? NO_ID}::uuid AND c.id <= ${upTo}::uuid`;
}

/**
 * Due customers with no ledger accounts yet (billed for the first time: created before billing,
 * or moved in without an opening charge) in a range. The bill run opens their accounts in
 * transactions of their own before it bills: a balance updated in the transaction that inserted
 * its account has its foreign keys checked again (PostgreSQL does so for rows the same
 * transaction inserted), ~80 ms a batch.
 */
export async function dueCustomersWithoutAccounts(tx: Tx, ctx: BillingContext, now: Date, after: string | null, upTo: string | null): Promise<string[]> {
  const rows = await tx.$queryRaw<{ customer_id: string }[]>`
    SELECT c.id AS customer_id
      FROM customers c
      JOIN packages p ON p.id = c.package_id
      LEFT JOIN customer_billing cb ON cb.customer_id = c.id
     WHERE ${dueWhere(ctx, now)} AND ${inRange(after, upTo)}
       AND NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.tenant_id = c.tenant_id AND a.customer_id = c.id AND a.currency = ${ctx.currency})
     ORDER BY c.id`;
  return rows.map((r) => r.customer_id);
}

/**
 * Up to `limit` due customers of a range after `after`, in id order, their rows locked like
 * lockCustomerForBilling does (a payment for one of them waits for the batch to commit, and reads
 * the new invoice after).
 */
export async function dueCustomers(tx: Tx, ctx: BillingContext, now: Date, limit: number, after: string | null, upTo: string | null): Promise<DueCustomer[]> {
  const rows = await tx.$queryRaw<
    {
      customer_id: string;
      package_id: string;
      package_name: string;
      special_price: bigint | null;
      package_price: bigint;
      next_package_id: string | null;
      next_package_name: string | null;
      next_package_price: bigint | null;
      has_row: boolean;
      billing_day: number | null;
      anchor_at: Date | null;
      period_start: Date | null;
      period_end: Date | null;
    }[]
  >`
    SELECT c.id AS customer_id, p.id AS package_id, p.name AS package_name, cb.price_minor AS special_price, p.price_minor AS package_price,
           np.id AS next_package_id, np.name AS next_package_name, np.price_minor AS next_package_price,
           cb.customer_id IS NOT NULL AS has_row, cb.billing_day::int AS billing_day, cb.anchor_at, cb.period_start, cb.period_end
      FROM customers c
      JOIN packages p ON p.id = c.package_id
      LEFT JOIN customer_billing cb ON cb.customer_id = c.id
      LEFT JOIN packages np ON np.id = cb.next_package_id
     WHERE ${dueWhere(ctx, now)} AND ${inRange(after, upTo)}
     ORDER BY c.id
     LIMIT ${limit}
       FOR NO KEY UPDATE OF c`;
  return rows.map((r) => ({
    customerId: r.customer_id,
    packageId: r.package_id,
    packageName: r.package_name,
    specialPriceMinor: r.special_price,
    packagePriceMinor: r.package_price,
    nextPackageId: r.next_package_id,
    nextPackageName: r.next_package_name,
    nextPackagePriceMinor: r.next_package_price,
    hasRow: r.has_row,
    billingDay: r.billing_day,
    anchorAt: r.anchor_at,
    periodStart: r.period_start,
    periodEnd: r.period_end,
  }));
}

/** How many customers are due now (the run's progress total). */
export async function countDueCustomers(tx: Tx, ctx: BillingContext, now: Date): Promise<number> {
  const rows = await tx.$queryRaw<{ n: bigint }[]>`
    SELECT count(*)::bigint AS n FROM customers c
      JOIN packages p ON p.id = c.package_id
      LEFT JOIN customer_billing cb ON cb.customer_id = c.id
     WHERE ${dueWhere(ctx, now)}`;
  return Number(rows[0]?.n ?? 0n);
}
