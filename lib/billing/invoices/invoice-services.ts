// The doors for invoices: a manual invoice (one-time fees, discounts), voiding one, crediting one.
// Bill-run, renewal and package-change invoices are made by their own services.
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseAmount } from "@/lib/money/parse-amount";
import { assertCan } from "@/lib/auth/permissions";
import { visibleCustomer } from "../billing-access";
import { billingContext } from "../billing-context";
import { createInvoiceSchema, creditNoteSchema, voidInvoiceSchema, type CreateInvoiceInput } from "../billing.schema";
import { reviewBillingLock } from "../locks";
import { issueCreditNoteTx } from "./credit-note";
import { createDraftInvoice, issueInvoice } from "./issue-invoice";
import { voidInvoiceTx } from "./void-invoice";

export async function createInvoice(actor: OperatorActor, input: CreateInvoiceInput) {
  assertCan(actor, "billing:manage");
  const data = createInvoiceSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, actor, data.customerId);
    const ctx = await billingContext(tx, actor.tenantId);
    const rates = new Map((await tx.taxRate.findMany({ where: { tenantId: actor.tenantId, archived: false } })).map((r) => [r.id, r.rateBp]));
    const lines = data.lines.map((l, i) => {
      const unit = parseAmount(l.unitPrice, ctx.currency, { field: `lines.${i}.unitPrice`, allowNegative: l.kind === "DISCOUNT" });
      if (l.taxRateId && !rates.has(l.taxRateId)) throw new AppError("VALIDATION", { userMessage: "Choose one of your tax rates.", fieldErrors: { [`lines.${i}.taxRateId`]: ["Unknown tax rate."] } });
      return {
        kind: l.kind,
        description: l.description,
        quantity: l.quantity || 1,
        unitPriceMinor: l.kind === "DISCOUNT" && unit > 0n ? -unit : unit,
        ...(l.taxRateId ? { taxRateBp: rates.get(l.taxRateId)! } : {}),
      };
    });
    const draft = await createDraftInvoice(tx, ctx, {
      customerId: customer.id,
      source: "MANUAL",
      lines,
      notes: data.notes,
      createdById: actor.id,
      idempotencyKey: data.idempotencyKey ? `form:${actor.id}:${data.idempotencyKey}` : null,
    });
    const invoice = data.issue ? await issueInvoice(tx, ctx, draft.id, { operatorId: actor.id }) : draft;
    await recordAudit(tx, { actor, action: data.issue ? "invoice.issue" : "invoice.draft", targetType: "Invoice", targetId: invoice.id, after: { number: invoice.number, customerId: customer.id, totalMinor: invoice.totalMinor } });
    return invoice;
  });
}

export async function issueDraftInvoice(actor: OperatorActor, invoiceId: string) {
  assertCan(actor, "billing:manage");
  return withTenant(actor.tenantId, async (tx) => {
    const draft = await tx.invoice.findFirst({ where: { id: invoiceId, tenantId: actor.tenantId } });
    if (!draft) throw new AppError("NOT_FOUND", { userMessage: "Invoice not found." });
    await visibleCustomer(tx, actor, draft.customerId);
    const ctx = await billingContext(tx, actor.tenantId);
    const invoice = await issueInvoice(tx, ctx, draft.id, { operatorId: actor.id });
    await recordAudit(tx, { actor, action: "invoice.issue", targetType: "Invoice", targetId: invoice.id, after: { number: invoice.number, totalMinor: invoice.totalMinor } });
    return invoice;
  });
}

export async function voidInvoice(actor: OperatorActor, input: { invoiceId: string; reason: string }) {
  assertCan(actor, "billing:manage");
  const data = voidInvoiceSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const found = await tx.invoice.findFirst({ where: { id: data.invoiceId, tenantId: actor.tenantId } });
    if (!found) throw new AppError("NOT_FOUND", { userMessage: "Invoice not found." });
    await visibleCustomer(tx, actor, found.customerId);
    const ctx = await billingContext(tx, actor.tenantId);
    const voided = await voidInvoiceTx(tx, ctx, found.id, { reason: data.reason, operatorId: actor.id });
    await recordAudit(tx, { actor, action: "invoice.void", targetType: "Invoice", targetId: found.id, before: { number: found.number, status: found.status }, after: { status: voided.status, reason: data.reason } });
    await reviewBillingLock(tx, ctx, found.customerId, actor);
    return voided;
  });
}

export async function creditInvoice(actor: OperatorActor, input: { invoiceId: string; amount?: string; reason: string }) {
  assertCan(actor, "billing:manage");
  const data = creditNoteSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const found = await tx.invoice.findFirst({ where: { id: data.invoiceId, tenantId: actor.tenantId } });
    if (!found) throw new AppError("NOT_FOUND", { userMessage: "Invoice not found." });
    await visibleCustomer(tx, actor, found.customerId);
    const ctx = await billingContext(tx, actor.tenantId);
    const amountMinor = data.amount ? parseAmount(data.amount, ctx.currency, { field: "amount" }) : undefined;
    const note = await issueCreditNoteTx(tx, ctx, found.id, { amountMinor, reason: data.reason, operatorId: actor.id });
    await recordAudit(tx, { actor, action: "invoice.credit", targetType: "Invoice", targetId: found.id, after: { creditNote: note.number, totalMinor: note.totalMinor, reason: data.reason } });
    await reviewBillingLock(tx, ctx, found.customerId, actor);
    return note;
  });
}
