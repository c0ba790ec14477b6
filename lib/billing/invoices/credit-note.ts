// A credit note corrects an issued invoice without touching it: a document of its own, numbered
// in the credit-note series, with negative lines (all of the invoice's, or one line for part of
// it at the invoice's main tax rate). In the ledger it takes revenue and tax back; the amount
// settles what is still open on the invoice and the rest becomes customer credit.
import type { Tx } from "@/lib/db";
import type { Invoice } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/money/format-money";
import { customerAccounts, postTransaction, systemAccount, type Leg } from "@/lib/ledger";
import { computeDocument } from "../calc/tax";
import { lockCustomerForBilling, type BillingContext } from "../billing-context";
import { nextDocumentNumber } from "../numbering";
import { allocateCredit, settleInvoice } from "../payments/allocate-credit";
import type { ComputedLine } from "./invoice-lines";

export interface CreditNoteOptions {
  /** Gross amount to credit; the whole creditable remainder when left out. */
  amountMinor?: bigint;
  reason: string;
  operatorId: string | null;
  at?: Date;
}

export async function issueCreditNoteTx(tx: Tx, ctx: BillingContext, invoiceId: string, options: CreditNoteOptions): Promise<Invoice> {
  const found = await tx.invoice.findFirst({ where: { id: invoiceId, tenantId: ctx.tenantId } });
  if (!found) throw new AppError("NOT_FOUND", { userMessage: "Invoice not found." });
  await lockCustomerForBilling(tx, ctx.tenantId, found.customerId);
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: { orderBy: { position: "asc" } } } });
  if (invoice.kind !== "INVOICE" || !["ISSUED", "PARTIALLY_PAID", "PAID"].includes(invoice.status)) {
    throw new AppError("CONFLICT", { userMessage: "Only an issued invoice can be credited." });
  }
  const previous = await tx.invoice.aggregate({ where: { creditedInvoiceId: invoice.id }, _sum: { totalMinor: true } });
  const creditable = invoice.totalMinor + (previous._sum.totalMinor ?? 0n);
  const amount = options.amountMinor ?? creditable;
  if (amount <= 0n || amount > creditable) {
    const most = formatMoney(creditable, invoice.currency);
    throw new AppError("VALIDATION", { userMessage: `The credit must be more than zero and at most ${most} (what is left to credit).`, fieldErrors: { amount: [`More than zero, at most ${most}.`] } });
  }

  let lines: ComputedLine[];
  if (amount === invoice.totalMinor && creditable === invoice.totalMinor) {
    lines = invoice.lines.map((l) => ({
      position: l.position,
      kind: l.kind,
      description: l.description,
      quantityMilli: -l.quantityMilli,
      unitPriceMinor: l.unitPriceMinor,
      discountMinor: -l.discountMinor,
      netMinor: -l.netMinor,
      taxRateBp: l.taxRateBp,
      taxMinor: -l.taxMinor,
      totalMinor: -l.totalMinor,
      packageId: l.packageId,
      periodStart: l.periodStart,
      periodEnd: l.periodEnd,
    }));
  } else {
    const main = [...invoice.lines].sort((a, b) => (b.totalMinor > a.totalMinor ? 1 : b.totalMinor < a.totalMinor ? -1 : 0))[0];
    const rate = main?.taxRateBp ?? 0;
    const doc = computeDocument([{ description: `Credit: ${options.reason}`.slice(0, 500), quantity: 1, unitPriceMinor: -amount, taxRateBp: rate, taxInclusive: true }]);
    const l = doc.lines[0]!;
    lines = [{ position: 1, kind: "CREDIT", description: l.description, quantityMilli: 1000n, unitPriceMinor: -amount, discountMinor: 0n, netMinor: l.netMinor, taxRateBp: rate, taxMinor: l.taxMinor, totalMinor: l.grossMinor, packageId: null, periodStart: null, periodEnd: null }];
  }
  const total = lines.reduce((s, l) => s + l.totalMinor, 0n);
  const tax = lines.reduce((s, l) => s + l.taxMinor, 0n);
  const at = options.at ?? new Date();
  const number = await nextDocumentNumber(tx, ctx.tenantId, "CN", ctx.settings.creditNotePattern, at, ctx.timeZone);

  const note = await tx.invoice.create({
    data: {
      tenantId: ctx.tenantId,
      customerId: invoice.customerId,
      kind: "CREDIT_NOTE",
      source: invoice.source,
      currency: invoice.currency,
      creditedInvoiceId: invoice.id,
      packageId: invoice.packageId,
      subtotalMinor: lines.reduce((s, l) => s + l.netMinor, 0n),
      discountMinor: lines.reduce((s, l) => s + l.discountMinor, 0n),
      taxMinor: tax,
      roundingMinor: lines.filter((l) => l.kind === "ROUNDING").reduce((s, l) => s + l.netMinor, 0n),
      totalMinor: total,
      notes: options.reason,
      createdById: options.operatorId,
    },
  });
  await tx.invoiceLine.createMany({ data: lines.map((l) => ({ ...l, tenantId: ctx.tenantId, invoiceId: note.id })) });

  // Ledger: revenue / discounts / rounding and tax back; receivable for what is open, credit for the rest.
  const open = invoice.totalMinor - invoice.paidMinor;
  const applied = -total < open ? -total : open;
  const [accounts, revenue, discounts, taxPayable, rounding] = await Promise.all([
    customerAccounts(tx, ctx.tenantId, invoice.customerId, ctx.currency),
    systemAccount(tx, ctx.tenantId, "revenue", ctx.currency),
    systemAccount(tx, ctx.tenantId, "discounts", ctx.currency),
    systemAccount(tx, ctx.tenantId, "taxPayable", ctx.currency),
    systemAccount(tx, ctx.tenantId, "rounding", ctx.currency),
  ]);
  const byAccount = new Map<string, bigint>();
  const add = (account: string, amount: bigint) => byAccount.set(account, (byAccount.get(account) ?? 0n) + amount);
  for (const l of lines) add(l.kind === "DISCOUNT" ? discounts : l.kind === "ROUNDING" ? rounding : revenue, -l.netMinor);
  add(taxPayable, -tax);
  add(accounts.receivable, -applied);
  add(accounts.credit, -(-total - applied));
  const legs: Leg[] = [...byAccount].filter(([, a]) => a !== 0n).map(([accountId, amountMinor]) => ({ accountId, amountMinor }));
  const posted = await postTransaction(tx, ctx.tenantId, {
    key: `credit-note:${note.id}:issue`,
    event: "credit_note.issue",
    memo: `Credit note ${number} for invoice ${invoice.number}`,
    refType: "invoice",
    refId: note.id,
    customerId: invoice.customerId,
    operatorId: options.operatorId,
    effectiveAt: at,
    legs,
  });
  const issued = await tx.invoice.update({ where: { id: note.id }, data: { status: "ISSUED", number, issuedAt: at, issueTransactionId: posted.transactionId } });
  if (applied > 0n) {
    await tx.paymentAllocation.create({ data: { tenantId: ctx.tenantId, invoiceId: invoice.id, customerId: invoice.customerId, amountMinor: applied, transactionId: posted.transactionId } });
    await settleInvoice(tx, invoice.id, applied);
  }
  await allocateCredit(tx, ctx, invoice.customerId);
  return issued;
}
