"use server";

// The customer page's money and status buttons: renew, record a payment, a manual invoice, void,
// credit note, payment reversal, suspend / activate / pause. Each parses the form, calls one
// service and answers with a message naming what was made (receipt, invoice, new expiry).
import { revalidatePath } from "next/cache";
import type { OperatorActor } from "@/lib/audit/actor";
import { createInvoice, creditInvoice, voidInvoice } from "@/lib/billing/invoices/invoice-services";
import { recordPayment, reversePayment } from "@/lib/billing/payments/payment-services";
import { renewCustomer, type RenewCustomerInput } from "@/lib/billing/renewals/renew-customer";
import type { CreateInvoiceInput, RecordPaymentInput } from "@/lib/billing/billing.schema";
import { activateCustomer, disableCustomer, pauseCustomer, suspendCustomer } from "@/lib/customers/change-customer-status";
import { toAppError } from "@/lib/errors";
import { formatMoney } from "@/lib/money/format-money";
import type { ActionState } from "@/lib/next/action-state";
import { getOperatorActor } from "@/lib/next/actor";
import { echo, formValues, refuseFormInput } from "@/lib/next/operator-action";
import { getTenant } from "@/lib/tenants/get-tenant";

type Input = Record<string, string>;

/** operatorAction with a success message computed from the result (it names the document made). */
function customerAction<R>(handler: (actor: OperatorActor, input: Input) => Promise<R>, message: (result: R, actor: OperatorActor, input: Input) => Promise<string> | string) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const refused = refuseFormInput(formData);
    if (refused) return refused;
    const values = formValues(formData);
    const actor = await getOperatorActor();
    if (!actor) return { ok: false, message: "Your session has ended. Please sign in again.", values: echo(values), at: Date.now() };
    let text: string;
    try {
      const result = await handler(actor, values);
      text = await message(result, actor, values);
    } catch (error) {
      const e = toAppError(error);
      return { ok: false, message: e.userMessage, fieldErrors: e.fieldErrors, values: echo(values), at: Date.now() };
    }
    // The customer page in both panels shows balances, lists and status: render it again.
    revalidatePath("/admin/customers/[id]", "page");
    revalidatePath("/reseller/customers/[id]", "page");
    return { ok: true, message: text, at: Date.now() };
  };
}

async function display(actor: OperatorActor) {
  const tenant = await getTenant(actor.tenantId);
  const locale = tenant?.locale ?? "en";
  const timeZone = tenant?.timezone ?? "UTC";
  return {
    money: (minor: bigint, currency: string) => formatMoney(minor, currency, locale),
    date: (at: Date) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(at),
  };
}

export const renewCustomerAction = customerAction(
  (actor, input) => renewCustomer(actor, input as unknown as RenewCustomerInput),
  async (r, actor) => {
    const d = await display(actor);
    const until = r.customer.expiresAt ? `Renewed until ${d.date(r.customer.expiresAt)}` : "Renewed";
    const receipt = r.payment ? `, receipt ${r.payment.receiptNumber}` : "";
    return `${until}. Invoice ${r.invoice.number} (${d.money(r.invoice.totalMinor, r.invoice.currency)})${receipt}${r.existed ? " was already recorded for this form" : ""}.`;
  },
);

export const recordPaymentAction = customerAction(
  (actor, input) => recordPayment(actor, input as unknown as RecordPaymentInput),
  async (r, actor) => {
    const d = await display(actor);
    const amount = d.money(r.payment.amountMinor, r.payment.currency);
    return r.existed ? `Receipt ${r.payment.receiptNumber} (${amount}) was already recorded for this form.` : `Payment recorded: receipt ${r.payment.receiptNumber}, ${amount}.`;
  },
);

/** The invoice form posts lines as lines.<n>.<field>, n = 0.. in order (errors come back the same way). */
function invoiceInput(input: Input): CreateInvoiceInput {
  const rows = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(input)) {
    const m = /^lines\.(\d{1,3})\.(description|quantity|unitPrice|kind)$/.exec(key);
    if (!m) continue;
    const i = Number(m[1]);
    rows.set(i, { ...rows.get(i), [m[2]!]: value });
  }
  const lines = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, r]) => r);
  return {
    customerId: input.customerId ?? "",
    lines: lines.map((r) => ({ description: r.description ?? "", quantity: r.quantity || undefined, unitPrice: r.unitPrice ?? "", kind: r.kind === "DISCOUNT" ? "DISCOUNT" : "ONE_TIME" })),
    notes: input.notes || undefined,
    issue: true,
    idempotencyKey: input.idempotencyKey || undefined,
  };
}

export const createInvoiceAction = customerAction(
  (actor, input) => createInvoice(actor, invoiceInput(input)),
  async (invoice, actor) => `Invoice ${invoice.number} issued: ${(await display(actor)).money(invoice.totalMinor, invoice.currency)}.`,
);

export const voidInvoiceAction = customerAction(
  (actor, input) => voidInvoice(actor, { invoiceId: input.invoiceId ?? "", reason: input.reason ?? "" }),
  (invoice) => `Invoice ${invoice.number} is void; payments on it went back to the customer's credit.`,
);

export const creditInvoiceAction = customerAction(
  (actor, input) => creditInvoice(actor, { invoiceId: input.invoiceId ?? "", amount: input.amount || undefined, reason: input.reason ?? "" }),
  async (note, actor) => `Credit note ${note.number} issued: ${(await display(actor)).money(note.totalMinor < 0n ? -note.totalMinor : note.totalMinor, note.currency)}.`,
);

export const reversePaymentAction = customerAction(
  (actor, input) => reversePayment(actor, { paymentId: input.paymentId ?? "", reason: input.reason ?? "" }),
  (payment) => `Receipt ${payment.receiptNumber} reversed.`,
);

export const suspendCustomerAction = customerAction(
  (actor, input) => suspendCustomer(actor, input.customerId ?? "", input.reason),
  () => "Customer suspended: service stops now.",
);

export const activateCustomerAction = customerAction(
  (actor, input) => activateCustomer(actor, input.customerId ?? ""),
  () => "Customer activated.",
);

export const pauseCustomerAction = customerAction(
  (actor, input) => pauseCustomer(actor, input.customerId ?? ""),
  () => "Customer paused: no service and no invoices until activated.",
);

export const disableCustomerAction = customerAction(
  (actor, input) => disableCustomer(actor, input.customerId ?? "", input.reason),
  () => "Customer disabled: no service and no invoices; the account is kept.",
);
