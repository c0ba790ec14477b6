// The monthly bill run for one tenant. The tenant's customers are split into ranges of
// BILL_RUN_BATCH by id (customerRanges); each range is billed in its own transaction (billBatch),
// two ranges at a time. Every range commits alone and moves its customers' periods forward, so a
// run that crashes after range 3 loses nothing and a rerun (the job's retry, the next hourly run)
// continues with the customers still due: no invoice twice (the period's unique key), no number
// skipped (numbers are taken in the range's transaction, from a row-locked counter).
//
// Two at a time because a batch spends most of its time on work of its own (its customers, its
// invoices, lines and entries) and only its last part holding what every batch needs (the
// revenue account, the invoice counter): on 2 cores the second batch does its own part while the
// first finishes (docs/benchmarks.md, "Billing").
import { withTenant } from "@/lib/db";
import { customerAccountsInBulk } from "@/lib/ledger";
import { billingContext } from "../billing-context";
import type { ComputedInvoice } from "../invoices/invoice-lines";
import { defaultTaxRateBp } from "../invoices/invoice-lines";
import { billBatch, type BatchResult } from "./bill-batch";
import { countDueCustomers, customerRanges, dueCustomers, dueCustomersWithoutAccounts } from "./due-customers";

export const BILL_RUN_REQUESTED = "billing/bill-run.requested";
export const BILL_RUN_BATCH = 2000;
export const BILL_RUN_CONCURRENCY = 2;
/** A customer months behind is billed one period per pass; this bounds a run that never empties (five years of months). */
const MAX_PASSES = 60;

export type BillRunSteps = { run<T>(id: string, fn: () => Promise<T>): Promise<T>; progress(done: number, total: number): Promise<void> };
const direct: BillRunSteps = { run: (_id, fn) => fn(), progress: async () => {} };

export interface BillRunOptions {
  now?: Date;
  batchSize?: number;
  /** Ranges billed at once (BILL_RUN_CONCURRENCY). */
  concurrency?: number;
  /** Tests: called after each committed range, in the order they commit (throw to simulate a crash). */
  afterBatch?: (index: number, result: BatchResult) => void | Promise<void>;
}

export interface BillRunSummary {
  customers: number;
  invoices: number;
  postings: number;
  packageChanges: number;
  batches: number;
}

const EMPTY: BatchResult = { customers: 0, invoices: 0, postings: 0, packageChanges: 0, firstNumber: null, lastNumber: null };

/** One range (customers after `after`, up to and including `upTo`) in its own transaction. */
export async function billRange(tenantId: string, now: Date, batchSize: number, after: string | null, upTo: string | null, priceCache?: Map<bigint, ComputedInvoice>): Promise<BatchResult> {
  return withTenant(tenantId, async (tx) => {
    const ctx = await billingContext(tx, tenantId);
    // A range holds batchSize customers when it is planned; customers created since can add a few.
    const batch = await dueCustomers(tx, ctx, now, batchSize * 2, after, upTo);
    if (!batch.length) return EMPTY;
    return billBatch(tx, ctx, batch, now, await defaultTaxRateBp(tx, ctx), priceCache);
  });
}

/** Opens, in a transaction of its own, the ledger accounts of a range's due customers who have none. */
export async function openMissingAccounts(tenantId: string, now: Date, after: string | null, upTo: string | null): Promise<number> {
  return withTenant(tenantId, async (tx) => {
    const ctx = await billingContext(tx, tenantId);
    const missing = await dueCustomersWithoutAccounts(tx, ctx, now, after, upTo);
    if (missing.length) await customerAccountsInBulk(tx, tenantId, missing, ctx.currency);
    return missing.length;
  });
}

/**
 * Calls `fn` for each item, `concurrency` at a time. The first failure stops new calls; the calls
 * under way finish (commit or roll back) before it is thrown, so nothing runs after the run ends.
 */
async function eachConcurrently<T>(items: T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        await fn(items[i]!, i);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failure) throw failure.reason;
}

/** The whole run: the job's handler and what tests and the benchmark call. */
export async function runBillRun(tenantId: string, step: BillRunSteps = direct, options: BillRunOptions = {}): Promise<BillRunSummary> {
  const batchSize = options.batchSize ?? BILL_RUN_BATCH;
  const concurrency = options.concurrency ?? BILL_RUN_CONCURRENCY;
  // One instant for the whole run (stored with the first step, so a retried run bills the same periods).
  const at = await step.run("start", async () => {
    const now = options.now ?? new Date();
    const total = await withTenant(tenantId, async (tx) => countDueCustomers(tx, await billingContext(tx, tenantId), now));
    return { now: now.toISOString(), total };
  });
  const now = new Date(at.now);
  const summary: BillRunSummary = { customers: 0, invoices: 0, postings: 0, packageChanges: 0, batches: 0 };
  if (at.total === 0) return summary;
  const priceCache = new Map<bigint, ComputedInvoice>();
  let committed = 0;

  // Passes over the ranges; a customer still due after a pass (months behind) is billed its next
  // period by the next pass. Done when nobody is due.
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const bounds = await step.run(`ranges-${pass}`, () => withTenant(tenantId, (tx) => customerRanges(tx, tenantId, batchSize)));
    const ranges = [...bounds, null].map((upTo, k) => ({ after: k === 0 ? null : bounds[k - 1]!, upTo }));
    if (pass === 0) {
      // First the accounts of customers billed for the first time, in transactions of their own.
      await eachConcurrently(ranges, concurrency, async (r, k) => {
        await step.run(`accounts-${k}`, () => openMissingAccounts(tenantId, now, r.after, r.upTo));
      });
    }
    let billed = 0;
    await eachConcurrently(ranges, concurrency, async (r, k) => {
      const result: BatchResult = await step.run(`bill-${pass}-${k}`, () => billRange(tenantId, now, batchSize, r.after, r.upTo, priceCache));
      if (result.customers === 0) return;
      billed += result.customers;
      summary.batches++;
      summary.customers += result.customers;
      summary.invoices += result.invoices;
      summary.postings += result.postings;
      summary.packageChanges += result.packageChanges;
      await step.progress(Math.min(summary.customers, Math.max(at.total, summary.customers)), Math.max(at.total, summary.customers));
      await options.afterBatch?.(committed++, result);
    });
    if (billed === 0) break;
    const left = await step.run(`left-${pass}`, () => withTenant(tenantId, async (tx) => countDueCustomers(tx, await billingContext(tx, tenantId), now)));
    if (left === 0) break;
  }
  return summary;
}
