// The data a printed or exported document needs, already decided by billing: renderers in this
// folder only lay it out (data in, bytes out, no database), so a PDF can never disagree with the
// books about an amount.

export type DocumentLogo = { bytes: Uint8Array; mime: "image/png" | "image/jpeg" };

export type DocumentTenant = {
  name: string;
  legalName?: string | null;
  address?: string | null;
  taxId?: string | null;
  phone?: string | null;
  email?: string | null;
  logo?: DocumentLogo | null;
  /** BCP 47 locale for numbers and dates, e.g. "en-KE", "bn-BD". */
  locale: string;
  /** IANA time zone; every date on a document is shown in it. */
  timeZone: string;
  /** ISO 4217 billing currency. */
  currency: string;
};

export type DocumentCustomer = {
  name: string;
  username: string;
  address?: string | null;
  email?: string | null;
  mobile?: string | null;
  taxId?: string | null;
};

export type InvoiceStatus = "draft" | "issued" | "paid" | "partially_paid" | "void";

export type InvoiceLine = {
  description: string;
  /** Decimal text as billing computed it ("1", "0.5", "30/31" is not allowed: a decimal). */
  quantity: string;
  unitPriceMinor: bigint;
  discountMinor: bigint;
  netMinor: bigint;
  /** Basis points: 1600 = 16 %. */
  taxRateBp: number;
  taxMinor: bigint;
  totalMinor: bigint;
};

export type TaxBreakdownRow = { rateBp: number; netMinor: bigint; taxMinor: bigint };

export type InvoiceDocument = {
  kind: "invoice" | "credit_note";
  /** Null or empty on a draft (the number is taken when it is issued). */
  number: string | null;
  status: InvoiceStatus;
  issuedAt: Date;
  dueAt?: Date | null;
  periodStart?: Date | null;
  periodEnd?: Date | null;
  customer: DocumentCustomer;
  lines: InvoiceLine[];
  taxBreakdown: TaxBreakdownRow[];
  subtotalMinor: bigint;
  discountMinor: bigint;
  taxMinor: bigint;
  roundingMinor: bigint;
  totalMinor: bigint;
  paidMinor: bigint;
  balanceMinor: bigint;
  currency: string;
  notes?: string | null;
  /** On a credit note: the invoice it corrects. */
  creditedInvoiceNumber?: string | null;
};

export type ReceiptMethod = "cash" | "bank_transfer" | "credit" | "mobile_money" | "card" | "voucher" | (string & {});

export type ReceiptDocument = {
  number: string;
  receivedAt: Date;
  method: ReceiptMethod;
  reference?: string | null;
  collectorName?: string | null;
  customer: DocumentCustomer;
  amountMinor: bigint;
  currency: string;
  allocations: { invoiceNumber: string; amountMinor: bigint }[];
  /** The part of the payment that went to the customer's credit (overpayment). */
  creditMinor: bigint;
  /** What the customer still owes after this payment (negative = credit). */
  balanceAfterMinor?: bigint | null;
  /** The payment was reversed: the receipt prints, marked REVERSED, with when and why. */
  reversed?: { at: Date; reason: string | null } | null;
};
