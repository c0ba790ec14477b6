// The monthly bill run for one tenant: batches of due customers, each batch one transaction
// (billBatch), until nobody is due. Every batch commits alone and moves its customers' periods
// forward, so a run that crashes after batch 3 loses nothing and a rerun (the job's retry, the
// next hourly run) continues with the customers still due: no invoice twice (the period's unique
// key), no number skipped (numbers are taken in the batch's transaction).
import { withTenant } from "@/lib/db";
import { billingContext } from "../billing-context";
import type { ComputedInvoice } from "../invoices/invoice-lines";
import { defaultTaxRateBp } from "../invoices/invoice-lines";
import { billBatch, type BatchResult } from "./bill-batch";
import { countDueCustomers, dueCustomers } from "./due-customers";

export const BILL_RUN_REQUESTED = "billing/bill-run.requested";
export const BILL_RUN_BATCH = 2000;
/** A customer months behind is billed one period per pass; this bounds a run that never empties. */
const MAX_BATCHES = 10_000;

export type BillRunSteps = { run<T>(id: string, fn: () => Promise<T>): Promise<T>; progress(done: number, total: number): Promise<void> };
const direct: BillRunSteps = { run: (_id, fn) => fn(), progress: async () => {} };

export interface BillRunOptions {
  now?: Date;
  batchSize?: number;
  /** Tests: called after each committed batch (throw to simulate a crash between batches). */
  afterBatch?: (index: number, result: BatchResult) => void | Promise<void>;
}

export interface BillRunSummary {
  customers: number;
  invoices: number;
  postings: number;
  packageChanges: number;
  batches: number;
}

/** One batch in its own transaction. */
export async function billNextBatch(tenantId: string, now: Date, batchSize: number, afterId: string | null, priceCache?: Map<bigint, ComputedInvoice>): Promise<BatchResult> {
  return withTenant(tenantId, async (tx) => {
    const ctx = await billingContext(tx, tenantId);
    const batch = await dueCustomers(tx, ctx, now, batchSize, afterId);
    if (!batch.length) return { customers: 0, invoices: 0, postings: 0, packageChanges: 0, firstNumber: null, lastNumber: null, lastCustomerId: null };
    return billBatch(tx, ctx, batch, now, await defaultTaxRateBp(tx, ctx), priceCache);
  });
}

/** The whole run: the job's handler and what tests and the benchmark call. */
export async function runBillRun(tenantId: string, step: BillRunSteps = direct, options: BillRunOptions = {}): Promise<BillRunSummary> {
  const batchSize = options.batchSize ?? BILL_RUN_BATCH;
  // One instant for the whole run (stored with the first step, so a retried run bills the same periods).
  const at = await step.run("start", async () => {
    const now = options.now ?? new Date();
    const total = await withTenant(tenantId, async (tx) => countDueCustomers(tx, await billingContext(tx, tenantId), now));
    return { now: now.toISOString(), total };
  });
  const now = new Date(at.now);
  const summary: BillRunSummary = { customers: 0, invoices: 0, postings: 0, packageChanges: 0, batches: 0 };
  const priceCache = new Map<bigint, ComputedInvoice>();
  // Passes over the customers in id order; a customer still due after a pass (months behind) is
  // billed its next period by the next pass. Done when a pass from the start finds nobody.
  let afterId: string | null = null;
  for (let b = 0; b < MAX_BATCHES; b++) {
    const from: string | null = afterId;
    const r: BatchResult = await step.run(`batch-${b}`, () => billNextBatch(tenantId, now, batchSize, from, priceCache));
    if (r.customers === 0) {
      if (from === null) break;
      afterId = null;
      continue;
    }
    afterId = r.lastCustomerId;
    summary.batches++;
    summary.customers += r.customers;
    summary.invoices += r.invoices;
    summary.postings += r.postings;
    summary.packageChanges += r.packageChanges;
    await step.progress(Math.min(summary.customers, Math.max(at.total, summary.customers)), Math.max(at.total, summary.customers));
    await options.afterBatch?.(b, r);
  }
  return summary;
}
