// An invoice's life in the ledger: drafted with exact lines, then issued (numbered from the
// gapless counter, posted to the ledger, customer credit applied at once). Building blocks that
// run inside the caller's transaction; the actor-level doors are in invoice-services.ts.
import type { Tx } from "@/lib/db";
import type { Invoice, InvoiceSource } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { customerAccounts, postTransaction, systemAccount, type Leg } from "@/lib/ledger";
import { dueAt } from "../calc/cycle";
import { lockCustomerForBilling, type BillingContext } from "../billing-context";
import { nextDocumentNumber } from "../numbering";
import { allocateCredit } from "../payments/allocate-credit";
import { computeInvoice, defaultTaxRateBp, type InvoiceLineInput } from "./invoice-lines";

export const INVOICE_ISSUED = "billing/invoice.issued";

export interface DraftInvoiceInput {
  customerId: string;
  source: InvoiceSource;
  lines: InvoiceLineInput[];
  periodStart?: Date | null;
  periodEnd?: Date | null;
  periodKey?: string | null;
  packageId?: string | null;
  /** The business event ("renewal:<key>", "bill:<customer>:<period>"): a retry finds the same invoice. */
  idempotencyKey?: string | null;
  createdById?: string | null;
  notes?: string | null;
}

/** A draft with its lines; an existing invoice with the same idempotency key is returned instead. */
export async function createDraftInvoice(tx: Tx, ctx: BillingContext, input: DraftInvoiceInput): Promise<Invoice> {
  await lockCustomerForBilling(tx, ctx.tenantId, input.customerId);
  if (input.idempotencyKey) {
    const existing = await tx.invoice.findFirst({ where: { tenantId: ctx.tenantId, idempotencyKey: input.idempotencyKey } });
    if (existing) return existing;
  }
  if (input.lines.length === 0) throw new AppError("VALIDATION", { userMessage: "An invoice needs at least one line." });
  const computed = computeInvoice(input.lines, ctx, await defaultTaxRateBp(tx, ctx));
  const invoice = await tx.invoice.create({
    data: {
      tenantId: ctx.tenantId,
      customerId: input.customerId,
      source: input.source,
      currency: ctx.currency,
      periodStart: input.periodStart ?? null,
      periodEnd: input.periodEnd ?? null,
      periodKey: input.periodKey ?? null,
      packageId: input.packageId ?? null,
      subtotalMinor: computed.subtotalMinor,
      discountMinor: computed.discountMinor,
      taxMinor: computed.taxMinor,
      roundingMinor: computed.roundingMinor,
      totalMinor: computed.totalMinor,
      idempotencyKey: input.idempotencyKey ?? null,
      createdById: input.createdById ?? null,
      notes: input.notes ?? null,
    },
  });
  await tx.invoiceLine.createMany({ data: computed.lines.map((l) => ({ ...l, tenantId: ctx.tenantId, invoiceId: invoice.id })) });
  return invoice;
}

/** The ledger legs of an issued invoice: receivable against revenue, discounts, tax and rounding. */
export async function invoiceLegs(tx: Tx, ctx: BillingContext, invoice: Pick<Invoice, "id" | "customerId" | "totalMinor" | "taxMinor">): Promise<Leg[]> {
  const lines = await tx.invoiceLine.findMany({ where: { invoiceId: invoice.id }, select: { kind: true, netMinor: true } });
  const [accounts, revenue, discounts, tax, rounding] = await Promise.all([
    customerAccounts(tx, ctx.tenantId, invoice.customerId, ctx.currency),
    systemAccount(tx, ctx.tenantId, "revenue", ctx.currency),
    systemAccount(tx, ctx.tenantId, "discounts", ctx.currency),
    systemAccount(tx, ctx.tenantId, "taxPayable", ctx.currency),
    systemAccount(tx, ctx.tenantId, "rounding", ctx.currency),
  ]);
  const byAccount = new Map<string, bigint>();
  const add = (account: string, amount: bigint) => byAccount.set(account, (byAccount.get(account) ?? 0n) + amount);
  add(accounts.receivable, invoice.totalMinor);
  add(tax, -invoice.taxMinor);
  for (const l of lines) add(l.kind === "DISCOUNT" ? discounts : l.kind === "ROUNDING" ? rounding : revenue, -l.netMinor);
  return [...byAccount].filter(([, amount]) => amount !== 0n).map(([accountId, amountMinor]) => ({ accountId, amountMinor }));
}

export interface IssueOptions {
  at?: Date;
  operatorId?: string | null;
}

/** Numbers, posts and issues a draft invoice, then applies the customer's credit to it. */
export async function issueInvoice(tx: Tx, ctx: BillingContext, invoiceId: string, options: IssueOptions = {}): Promise<Invoice> {
  const at = options.at ?? new Date();
  const draft = await tx.invoice.findFirst({ where: { id: invoiceId, tenantId: ctx.tenantId } });
  if (!draft) throw new AppError("NOT_FOUND", { userMessage: "Invoice not found." });
  await lockCustomerForBilling(tx, ctx.tenantId, draft.customerId);
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  if (invoice.status !== "DRAFT") return invoice;
  if (invoice.kind !== "INVOICE") throw new AppError("CONFLICT", { userMessage: "Credit notes are issued from their invoice." });
  if (invoice.totalMinor < 0n) throw new AppError("VALIDATION", { userMessage: "An invoice's total cannot be negative: issue a credit note instead." });

  const number = await nextDocumentNumber(tx, ctx.tenantId, "INV", ctx.settings.invoicePattern, at, ctx.timeZone);
  const legs = await invoiceLegs(tx, ctx, invoice);
  const posted = legs.length
    ? await postTransaction(tx, ctx.tenantId, {
        key: `invoice:${invoice.id}:issue`,
        event: "invoice.issue",
        memo: `Invoice ${number}`,
        refType: "invoice",
        refId: invoice.id,
        customerId: invoice.customerId,
        operatorId: options.operatorId ?? null,
        effectiveAt: at,
        legs,
      })
    : null;
  await tx.invoice.update({
    where: { id: invoice.id },
    data: {
      status: invoice.totalMinor === 0n ? "PAID" : "ISSUED",
      number,
      issuedAt: at,
      dueAt: dueAt(at, ctx.settings.dueDays, ctx.timeZone),
      issueTransactionId: posted?.transactionId ?? null,
    },
  });
  await emitEvent(tx, {
    id: `invoice.issued:${invoice.id}`,
    name: INVOICE_ISSUED,
    tenantId: ctx.tenantId,
    data: { invoiceId: invoice.id, customerId: invoice.customerId, number, totalMinor: invoice.totalMinor.toString() },
  });
  await allocateCredit(tx, ctx, invoice.customerId);
  return tx.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
}
