// One batch of the monthly bill run, set-based: ~2,000 customers in a handful of statements
// instead of ~20 round trips each. The invoices (issued with their numbers), their lines, the
// ledger postings, the outbox events, the periods moved forward and one audit row all commit
// together, so a crash loses the whole batch or nothing, and a rerun picks up the customers still
// due. What each customer is charged is the same rule as startBilling and issueInvoice
// (computeInvoice for the lines, invoiceLegs for the postings); bill-run.test.ts checks them.
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db";
import type { Customer } from "@/lib/db/generated/client";
import { applyCustomerChanges, type CustomerChange } from "@/lib/customers/customer-changed";
import { stableUuid } from "@/lib/jobs/stable-uuid";
import { customerAccountsInBulk, postTransactions, systemAccount, type Leg, type PostingInput } from "@/lib/ledger";
import { billingPeriodContaining, dueAt, localDate, localDaysBetween, startOfLocalDay, type BillingAnchor, type BillingPeriod } from "../calc/cycle";
import { formatDocumentNumber } from "../calc/document-number";
import { prorate } from "../calc/proration";
import type { BillingContext } from "../billing-context";
import { computeInvoice, type ComputedInvoice, type ComputedLine } from "../invoices/invoice-lines";
import { INVOICE_ISSUED } from "../invoices/issue-invoice";
import { counterPeriod } from "../numbering";
import { allocateCredit } from "../payments/allocate-credit";
import type { DueCustomer } from "./due-customers";

export interface BatchResult {
  /** Customers looked at (their period moved forward whether or not an invoice was made). */
  customers: number;
  invoices: number;
  /** Ledger transactions written (invoice postings and credit allocations). */
  postings: number;
  packageChanges: number;
  firstNumber: string | null;
  lastNumber: string | null;
}

interface Planned {
  due: DueCustomer;
  invoiceId: string;
  periodStart: Date;
  periodEnd: Date;
  periodKey: string;
  anchorAt: Date;
  packageId: string;
  switched: boolean;
  computed: ComputedInvoice | null;
  lines: ComputedLine[];
  /** Plans with the same key have the same period, package and amounts (their invoices differ only in customer and number). */
  shapeKey: string;
}

/**
 * Rows as one JSON parameter for jsonb_to_recordset: one parameter instead of an array per column,
 * several times cheaper to send through Prisma. Amounts go in as strings (JSON.stringify refuses
 * a bigint, so a missed one fails loudly).
 */
function rowsJson(rows: object[]): string {
  return JSON.stringify(rows);
}

const BILLING: (tenantId: string) => Actor = (tenantId) => ({ kind: "SYSTEM", tenantId, name: "Billing" });

/** The period to bill and what for: the next period after the stored one, or (no period yet) the current one, prorated. */
interface Timing {
  period: BillingPeriod;
  lineStart: Date;
  partial: { days: number; of: number } | null;
  dates: string;
}

function plan(ctx: BillingContext, due: DueCustomer, now: Date, priceCache: Map<bigint, ComputedInvoice>, rateBp: number, periods: Map<string, Timing>): Planned {
  const tz = ctx.timeZone;
  const billingDay = due.billingDay ?? ctx.settings.billingDay ?? null;
  const anchorAt = due.anchorAt ?? now;
  const anchor: BillingAnchor = billingDay ? { billingDay } : { anniversary: anchorAt };
  const switched = Boolean(due.periodEnd && due.nextPackageId);
  const packageId = switched ? due.nextPackageId! : due.packageId;
  const packageName = switched ? due.nextPackageName! : due.packageName;
  // A special price belongs to the package it was agreed for: a package change bills the new package's price.
  const price = switched ? due.nextPackagePriceMinor! : (due.specialPriceMinor ?? due.packagePriceMinor);

  // Customers of one batch share a handful of periods: each is worked out on the calendar once.
  const timingKey = `${due.periodEnd?.getTime() ?? "new"}|${billingDay ? `d${billingDay}` : `a${anchorAt.getTime()}`}`;
  let timing = periods.get(timingKey);
  if (!timing) {
    let period;
    let lineStart: Date;
    let partial: { days: number; of: number } | null = null;
    if (due.periodEnd) {
      period = billingPeriodContaining(due.periodEnd, anchor, tz);
      lineStart = period.start;
    } else {
      period = billingPeriodContaining(now, anchor, tz);
      lineStart = now;
      const daysLeft = Math.max(1, localDaysBetween(startOfLocalDay(localDate(now, tz), tz), period.end, tz));
      if (daysLeft < period.days) partial = { days: daysLeft, of: period.days };
    }
    const dates = `${localDate(lineStart, tz)} to ${localDate(new Date(period.end.getTime() - 1), tz)}${partial ? ` (${partial.days} of ${partial.of} days)` : ""}`;
    timing = { period, lineStart, partial, dates };
    periods.set(timingKey, timing);
  }
  const { period, lineStart, partial, dates } = timing;
  const amount = partial ? prorate(price, partial.days, partial.of) : price;
  let computed: ComputedInvoice | null = null;
  let lines: ComputedLine[] = [];
  if (amount > 0n) {
    computed = priceCache.get(amount) ?? computeInvoice([{ kind: "PERIOD", description: "-", unitPriceMinor: amount }], ctx, rateBp);
    priceCache.set(amount, computed);
    const description = `${packageName}: ${dates}`;
    lines = computed.lines.map((l) =>
      l.kind === "ROUNDING" ? l : { ...l, kind: partial ? "PRORATION" : "PERIOD", description, packageId, periodStart: lineStart, periodEnd: period.end },
    );
  }
  return { due, invoiceId: randomUUID(), periodStart: lineStart, periodEnd: period.end, periodKey: period.key, anchorAt, packageId, switched, computed, lines, shapeKey: `${packageId}|${timingKey}|${amount}` };
}

/** Bills one batch of due customers (rows locked by dueCustomers in this transaction). */
export async function billBatch(tx: Tx, ctx: BillingContext, batch: DueCustomer[], now: Date, rateBp: number, priceCache = new Map<bigint, ComputedInvoice>()): Promise<BatchResult> {
  const result: BatchResult = { customers: batch.length, invoices: 0, postings: 0, packageChanges: 0, firstNumber: null, lastNumber: null };
  if (!batch.length) return result;
  const periods = new Map<string, Timing>();
  const plans = batch.map((d) => plan(ctx, d, now, priceCache, rateBp, periods));

  // 1. Downgrades (and any package change set for the period end) take effect as the period starts.
  const switching = plans.filter((p) => p.switched);
  if (switching.length) {
    result.packageChanges = await switchPackages(tx, ctx, switching, now);
  }

  // 2. A period already invoiced (a rerun, an overlapping run, a voided bill-run invoice) is left
  // out before any number is taken: numbers stay gapless.
  const billable = plans.filter((p) => p.computed);
  const invoiced = billable.length ? await alreadyInvoiced(tx, ctx, billable) : new Set<string>();
  const issued = billable.filter((p) => !invoiced.has(p.due.customerId));

  // 3. The periods move forward (customers with no row get one, anchored now).
  await tx.$executeRaw`
    INSERT INTO customer_billing (customer_id, tenant_id, period_start, period_end, anchor_at, next_package_id, updated_at)
    SELECT u.customer_id, ${ctx.tenantId}::uuid, u.ps, u.pe, u.anchor, u.next, now()
      FROM jsonb_to_recordset(${rowsJson(
        plans.map((p) => ({ customer_id: p.due.customerId, ps: p.periodStart, pe: p.periodEnd, anchor: p.anchorAt, next: p.switched ? null : p.due.nextPackageId })),
      )}::jsonb) AS u(customer_id uuid, ps timestamptz, pe timestamptz, anchor timestamptz, next uuid)
    ON CONFLICT (customer_id) DO UPDATE
       SET period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
           anchor_at = coalesce(customer_billing.anchor_at, EXCLUDED.anchor_at), next_package_id = EXCLUDED.next_package_id, updated_at = now()`;

  if (issued.length) {
    // 4. The lines, then (below) their invoices already issued: the lines' key to their invoice
    // is checked when the invoices are in (deferrable, migration 20261207200000_bill_run_speed).
    await tx.$executeRaw`SET CONSTRAINTS invoice_lines_invoice_id_tenant_id_fkey DEFERRED`;
    await insertLines(tx, ctx, issued);
    // 5. What every batch shares comes last, so two batches overlap until here: the postings
    // (ledger_post locks the revenue account just before the balances move), then the numbers
    // (the counter row); both held to commit.
    const postings = await postInvoices(tx, ctx, issued, now);
    const numbers = await takeNumbers(tx, ctx, issued.length, now);
    await insertIssued(tx, ctx, issued, numbers, postings, now);
    await tx.$executeRaw`SET CONSTRAINTS invoice_lines_invoice_id_tenant_id_fkey IMMEDIATE`;
    // The outbox rows as emitEvents writes them (stable ids: a replayed batch adds none), in one statement.
    await tx.$executeRaw`
      INSERT INTO outbox_events (id, tenant_id, name, data)
      SELECT u.id, ${ctx.tenantId}::uuid, ${INVOICE_ISSUED}, u.data FROM jsonb_to_recordset(${rowsJson(
        issued.map((p, i) => ({
          id: stableUuid(`invoice.issued:${p.invoiceId}`),
          data: { invoiceId: p.invoiceId, customerId: p.due.customerId, number: numbers[i]!, totalMinor: p.computed!.totalMinor.toString(), tenantId: ctx.tenantId },
        })),
      )}::jsonb) AS u(id uuid, data jsonb)
      ON CONFLICT DO NOTHING`;
    result.invoices = issued.length;
    result.postings = postings.size;
    result.firstNumber = numbers[0]!;
    result.lastNumber = numbers.at(-1)!;
    result.postings += await applyCredit(tx, ctx, issued.map((p) => p.due.customerId));
  }

  await recordAudit(tx, {
    actor: BILLING(ctx.tenantId),
    action: "billing.bill-run.batch",
    targetType: "BillRun",
    after: { customers: result.customers, invoices: result.invoices, numbers: result.firstNumber ? [result.firstNumber, result.lastNumber] : [], packageChanges: result.packageChanges },
  });
  return result;
}

/** Customers of the batch whose period already has an invoice: by the period's unique key, or by the bill run's idempotency key (a voided one). */
async function alreadyInvoiced(tx: Tx, ctx: BillingContext, billable: Planned[]): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ customer_id: string }[]>`
    SELECT u.customer_id::text AS customer_id
      FROM jsonb_to_recordset(${rowsJson(billable.map((p) => ({ customer_id: p.due.customerId, pk: p.periodKey, ikey: idempotencyKey(p) })))}::jsonb)
        AS u(customer_id uuid, pk text, ikey text)
     WHERE EXISTS (SELECT 1 FROM invoices i WHERE i.tenant_id = ${ctx.tenantId}::uuid AND i.idempotency_key = u.ikey)
        OR EXISTS (SELECT 1 FROM invoices i WHERE i.tenant_id = ${ctx.tenantId}::uuid AND i.customer_id = u.customer_id AND i.period_key = u.pk
                      AND i.kind = 'INVOICE' AND i.status <> 'VOID')`;
  return new Set(rows.map((r) => r.customer_id));
}

const idempotencyKey = (p: Planned) => `bill:${p.due.customerId}:${p.periodKey}`;

/**
 * The invoices, issued (or paid, at 0) with their numbers and postings, in one INSERT. A period
 * invoiced meanwhile by someone else fails the batch on the unique index (and its retry leaves
 * that customer out) rather than skip a number.
 */
async function insertIssued(tx: Tx, ctx: BillingContext, issued: Planned[], numbers: string[], postings: Map<string, string>, now: Date): Promise<void> {
  const due = dueAt(now, ctx.settings.dueDays, ctx.timeZone);
  const { shapes, shapeOf } = shapesOf(issued);
  const shapeRows = shapes.map((p, s) => ({
    s,
    ps: p.periodStart,
    pe: p.periodEnd,
    pk: p.periodKey,
    pkg: p.packageId,
    sub: String(p.computed!.subtotalMinor),
    disc: String(p.computed!.discountMinor),
    tax: String(p.computed!.taxMinor),
    rnd: String(p.computed!.roundingMinor),
    total: String(p.computed!.totalMinor),
  }));
  const refs = issued.map((p, i) => ({ id: p.invoiceId, c: p.due.customerId, n: numbers[i], t: postings.get(p.invoiceId) ?? null, s: shapeOf(p) }));
  // The idempotency key is idempotencyKey(p): bill:<customer>:<period key>.
  await tx.$executeRaw`
    INSERT INTO invoices (id, tenant_id, customer_id, source, status, number, issued_at, due_at, issue_transaction_id, currency, period_start, period_end, period_key,
                          package_id, subtotal_minor, discount_minor, tax_minor, rounding_minor, total_minor, idempotency_key, updated_at)
    SELECT r.id, ${ctx.tenantId}::uuid, r.c, 'BILL_RUN', (CASE WHEN x.total = 0 THEN 'PAID' ELSE 'ISSUED' END)::"InvoiceStatus", r.n, ${now}, ${due}, r.t,
           ${ctx.currency}, x.ps, x.pe, x.pk, x.pkg, x.sub, x.disc, x.tax, x.rnd, x.total, 'bill:' || r.c::text || ':' || x.pk, now()
      FROM jsonb_to_recordset(${rowsJson(refs)}::jsonb) AS r(id uuid, c uuid, n text, t uuid, s int)
      JOIN jsonb_to_recordset(${rowsJson(shapeRows)}::jsonb)
        AS x(s int, ps timestamptz, pe timestamptz, pk text, pkg uuid, sub bigint, disc bigint, tax bigint, rnd bigint, total bigint)
        ON x.s = r.s`;
}

/**
 * Invoices of one batch mostly share their period, package and amounts: each such "shape" is sent
 * once and the invoices refer to it by index, so the JSON (which Prisma copies and PostgreSQL
 * parses) holds ids rather than 2,000 copies of the same lines.
 */
function shapesOf(plans: Planned[]): { shapes: Planned[]; shapeOf: (p: Planned) => number } {
  const index = new Map<string, number>();
  const shapes: Planned[] = [];
  for (const p of plans) {
    if (!index.has(p.shapeKey)) {
      index.set(p.shapeKey, shapes.length);
      shapes.push(p);
    }
  }
  return { shapes, shapeOf: (p) => index.get(p.shapeKey)! };
}

async function insertLines(tx: Tx, ctx: BillingContext, issued: Planned[]): Promise<void> {
  const { shapes, shapeOf } = shapesOf(issued);
  const lines = shapes.flatMap((p, s) =>
    p.lines.map((l) => ({
      s,
      pos: l.position,
      kind: l.kind,
      description: l.description,
      qty: String(l.quantityMilli),
      unit: String(l.unitPriceMinor),
      disc: String(l.discountMinor),
      net: String(l.netMinor),
      rate: l.taxRateBp,
      tax: String(l.taxMinor),
      total: String(l.totalMinor),
      pkg: l.packageId,
      ps: l.periodStart,
      pe: l.periodEnd,
    })),
  );
  await tx.$executeRaw`
    INSERT INTO invoice_lines (tenant_id, invoice_id, position, kind, description, quantity_milli, unit_price_minor, discount_minor, net_minor,
                               tax_rate_bp, tax_minor, total_minor, package_id, period_start, period_end)
    SELECT ${ctx.tenantId}::uuid, r.i, l.pos, l.kind::"InvoiceLineKind", l.description, l.qty, l.unit, l.disc, l.net, l.rate, l.tax, l.total, l.pkg, l.ps, l.pe
      FROM jsonb_to_recordset(${rowsJson(issued.map((p) => ({ i: p.invoiceId, s: shapeOf(p) })))}::jsonb) AS r(i uuid, s int)
      JOIN jsonb_to_recordset(${rowsJson(lines)}::jsonb)
        AS l(s int, pos int, kind text, description text, qty bigint, unit bigint, disc bigint, net bigint, rate int, tax bigint, total bigint, pkg uuid, ps timestamptz, pe timestamptz)
        ON l.s = r.s`;
}

/**
 * `n` consecutive numbers from the gapless counter in one statement: the counter row stays
 * locked until the batch commits, and a rollback gives all of them back with the invoices.
 */
async function takeNumbers(tx: Tx, ctx: BillingContext, n: number, at: Date): Promise<string[]> {
  const pattern = ctx.settings.invoicePattern;
  const period = counterPeriod(pattern, at, ctx.timeZone);
  const rows = await tx.$queryRaw<{ last_value: bigint }[]>`
    INSERT INTO document_counters (tenant_id, series, period, last_value) VALUES (${ctx.tenantId}::uuid, 'INV', ${period}, ${n})
    ON CONFLICT (tenant_id, series, period) DO UPDATE SET last_value = document_counters.last_value + ${n}
    RETURNING last_value`;
  const first = rows[0]!.last_value - BigInt(n) + 1n;
  return Array.from({ length: n }, (_, i) => formatDocumentNumber(pattern, { seq: first + BigInt(i), issuedAt: at, timeZone: ctx.timeZone }));
}

/** One ledger_post call for the batch: receivable against revenue, tax and rounding (as invoiceLegs). Returns invoice id -> transaction id. */
async function postInvoices(tx: Tx, ctx: BillingContext, issued: Planned[], at: Date): Promise<Map<string, string>> {
  const [accounts, revenue, discounts, tax, rounding] = await Promise.all([
    customerAccountsInBulk(tx, ctx.tenantId, issued.map((p) => p.due.customerId), ctx.currency),
    systemAccount(tx, ctx.tenantId, "revenue", ctx.currency),
    systemAccount(tx, ctx.tenantId, "discounts", ctx.currency),
    systemAccount(tx, ctx.tenantId, "taxPayable", ctx.currency),
    systemAccount(tx, ctx.tenantId, "rounding", ctx.currency),
  ]);
  const postings: PostingInput[] = [];
  const posted: string[] = [];
  issued.forEach((p) => {
    const byAccount = new Map<string, bigint>();
    const add = (account: string, amount: bigint) => byAccount.set(account, (byAccount.get(account) ?? 0n) + amount);
    add(accounts.get(p.due.customerId)!.receivable, p.computed!.totalMinor);
    add(tax, -p.computed!.taxMinor);
    for (const l of p.lines) add(l.kind === "DISCOUNT" ? discounts : l.kind === "ROUNDING" ? rounding : revenue, -l.netMinor);
    const legs: Leg[] = [...byAccount].filter(([, a]) => a !== 0n).map(([accountId, amountMinor]) => ({ accountId, amountMinor }));
    if (!legs.length) return;
    posted.push(p.invoiceId);
    postings.push({
      key: `invoice:${p.invoiceId}:issue`,
      event: "invoice.issue",
      // The number is taken after the postings (see billBatch); the invoice is the posting's ref.
      memo: `Invoice for ${p.periodKey}`,
      refType: "invoice",
      refId: p.invoiceId,
      customerId: p.due.customerId,
      effectiveAt: at,
      legs,
    });
  });
  const results = await postTransactions(tx, ctx.tenantId, postings);
  return new Map(results.map((r, i) => [posted[i]!, r.transactionId]));
}

/** Customer credit goes to the new invoices: only for the few customers whose credit account holds money (one query finds them). */
async function applyCredit(tx: Tx, ctx: BillingContext, customerIds: string[]): Promise<number> {
  const rows = await tx.$queryRaw<{ customer_id: string }[]>`
    SELECT customer_id FROM ledger_accounts
     WHERE tenant_id = ${ctx.tenantId}::uuid AND currency = ${ctx.currency} AND customer_id = ANY (${customerIds}::uuid[])
       AND code LIKE 'customer\\_credit:%' AND -balance_minor - pending_debits_minor > 0`;
  let postings = 0;
  for (const r of rows) {
    const allocations = await allocateCredit(tx, ctx, r.customer_id);
    if (allocations.length) postings++;
  }
  return postings;
}

/** The pending package change becomes the customer's package, through the customer fan-out (RADIUS, router, audit). */
async function switchPackages(tx: Tx, ctx: BillingContext, plans: Planned[], now: Date): Promise<number> {
  const ids = plans.map((p) => p.due.customerId);
  const before = await tx.customer.findMany({ where: { tenantId: ctx.tenantId, id: { in: ids } } });
  await tx.$executeRaw`
    UPDATE customers c SET package_id = u.pkg, updated_at = now()
      FROM unnest(${ids}::uuid[], ${plans.map((p) => p.packageId)}::uuid[]) AS u(id, pkg)
     WHERE c.id = u.id AND c.tenant_id = ${ctx.tenantId}::uuid`;
  const after = new Map((await tx.customer.findMany({ where: { tenantId: ctx.tenantId, id: { in: ids } } })).map((c) => [c.id, c]));
  const changes: CustomerChange[] = before.map((b: Customer) => ({
    tenantId: ctx.tenantId,
    before: b,
    after: after.get(b.id)!,
    reason: "package changed at period start",
    now,
    audit: { actor: BILLING(ctx.tenantId), action: "customer.package-change", before: { packageId: b.packageId }, after: { packageId: after.get(b.id)!.packageId } },
  }));
  await applyCustomerChanges(tx, changes);
  return changes.length;
}
