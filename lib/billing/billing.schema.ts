// What operators type into billing forms, checked before anything is written. Amounts stay text
// here; they become bigint minor units in the tenant's currency (lib/money) inside the service.
import { z } from "zod";

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);
const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((v) => (v ? v : null));

export const recordPaymentSchema = z.object({
  customerId: z.uuid("Choose a customer."),
  method: z.enum(["CASH", "BANK_TRANSFER", "MOBILE_MONEY", "CARD", "OTHER"], "Choose how it was paid."),
  amount: z.string().trim().min(1, "Enter the amount."),
  reference: optionalText(120),
  notes: optionalText(500),
  /** A one-time token from the form: a second submit of the same form records nothing new. */
  idempotencyKey: z.string().trim().min(8, "The form is out of date: reload it.").max(120),
});
export type RecordPaymentInput = z.input<typeof recordPaymentSchema>;

export const reversePaymentSchema = z.object({
  paymentId: z.uuid(),
  reason: text(300).min(3, "Say why (at least 3 characters)."),
});

export const voidInvoiceSchema = z.object({
  invoiceId: z.uuid(),
  reason: text(300).min(3, "Say why (at least 3 characters)."),
});

export const creditNoteSchema = z.object({
  invoiceId: z.uuid(),
  /** Empty: credit everything still creditable. */
  amount: z.string().trim().max(40).optional(),
  reason: text(300).min(3, "Say why (at least 3 characters)."),
});

export const invoiceLineSchema = z.object({
  description: text(500).min(1, "Describe the line."),
  quantity: z.string().trim().max(20).optional(),
  unitPrice: z.string().trim().min(1, "Enter the price."),
  kind: z.enum(["ONE_TIME", "DISCOUNT", "PERIOD"]).default("ONE_TIME"),
  taxRateId: z.union([z.literal(""), z.uuid()]).optional(),
});

export const createInvoiceSchema = z.object({
  customerId: z.uuid("Choose a customer."),
  lines: z.array(invoiceLineSchema).min(1, "Add a line.").max(200, "At most 200 lines."),
  notes: optionalText(1000),
  issue: z.boolean().default(true),
  idempotencyKey: z.string().trim().min(8).max(120).optional(),
});
export type CreateInvoiceInput = z.input<typeof createInvoiceSchema>;
