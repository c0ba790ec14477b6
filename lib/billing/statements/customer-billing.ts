// What the customer page's billing panel shows: the balance from the ledger (receivable, credit
// held, owed), the terms the billers apply, the lock, and the latest invoices and payments.
// A read: nothing is opened or created (a customer with no money moved has zero balances).
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { isUuid, withTenant } from "@/lib/db";
import type { CustomerBillingMode, InvoiceKind, InvoiceSource, InvoiceStatus, PaymentMethod, PaymentStatus } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { visibleCustomer } from "../billing-access";
import { findCustomerAccounts } from "./customer-accounts-read";

/** Invoices and payments listed on the panel at most (the billing lists show all). */
export const PANEL_LIST_LIMIT = 100;

export interface CustomerBillingInvoice {
  id: string;
  number: string | null;
  kind: InvoiceKind;
  status: InvoiceStatus;
  source: InvoiceSource;
  issuedAt: Date | null;
  dueAt: Date | null;
  createdAt: Date;
  totalMinor: bigint;
  paidMinor: bigint;
  /** Open and past its due date. */
  overdue: boolean;
  /** The invoice a credit note corrects. */
  creditedInvoiceNumber: string | null;
  /** Whether credit notes exist for it (then it cannot be voided, only credited). */
  hasCreditNotes: boolean;
  /** What a further credit note may still take off (0 for credit notes, drafts and voids). */
  creditableMinor: bigint;
}

export interface CustomerBillingPayment {
  id: string;
  receiptNumber: string;
  receivedAt: Date;
  method: PaymentMethod;
  amountMinor: bigint;
  reference: string | null;
  collectorName: string | null;
  status: PaymentStatus;
  reversalReason: string | null;
}

export interface CustomerBillingView {
  customerId: string;
  currency: string;
  locale: string;
  timeZone: string;
  /** Open receivable: what issued invoices still ask for (ledger). */
  receivableMinor: bigint;
  /** Money held for the customer (overpayments, credit notes), >= 0. */
  creditMinor: bigint;
  /** receivable - credit: > 0 owes, < 0 in credit. */
  balanceMinor: bigint;
  status: string;
  expiresAt: Date | null;
  lockedAt: Date | null;
  lockReason: string | null;
  packageName: string | null;
  packageId: string | null;
  hasPackage: boolean;
  terms: {
    mode: CustomerBillingMode;
    /** Where the mode comes from. */
    modeFrom: "customer" | "package" | "tenant";
    /** One package period at this customer's price (special price or the package's). */
    priceMinor: bigint;
    specialPrice: boolean;
    complimentary: boolean;
    billingDay: number | null;
    dueDays: number;
    graceDays: number;
    periodStart: Date | null;
    periodEnd: Date | null;
  };
  invoices: CustomerBillingInvoice[];
  payments: CustomerBillingPayment[];
}

export async function getCustomerBilling(actor: OperatorActor, customerId: string): Promise<CustomerBillingView> {
  assertCan(actor, "billing:view");
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, actor, customerId);
    const [tenant, settings, row, pkg] = await Promise.all([
      tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true, timezone: true, locale: true } }),
      tx.billingSettings.findUnique({ where: { tenantId: actor.tenantId } }),
      tx.customerBilling.findUnique({ where: { customerId: customer.id } }),
      customer.packageId ? tx.package.findUnique({ where: { id: customer.packageId }, select: { name: true, priceMinor: true, billingMode: true } }) : Promise.resolve(null),
    ]);
    const accounts = await findCustomerAccounts(tx, actor.tenantId, customer.id, tenant.currency);
    const receivableMinor = accounts.receivable?.balanceMinor ?? 0n;
    const creditMinor = -(accounts.credit?.balanceMinor ?? 0n);

    const [invoices, creditNotes, payments] = await Promise.all([
      tx.invoice.findMany({
        where: { tenantId: actor.tenantId, customerId: customer.id },
        orderBy: [{ createdAt: "desc" }],
        take: PANEL_LIST_LIMIT,
      }),
      tx.invoice.findMany({ where: { tenantId: actor.tenantId, customerId: customer.id, kind: "CREDIT_NOTE" }, select: { creditedInvoiceId: true, totalMinor: true } }),
      tx.payment.findMany({ where: { tenantId: actor.tenantId, customerId: customer.id }, orderBy: [{ receivedAt: "desc" }, { createdAt: "desc" }], take: PANEL_LIST_LIMIT }),
    ]);
    // Credit notes carry negative totals: what an invoice may still be credited is its total plus theirs.
    const credited = new Map<string, bigint>();
    for (const n of creditNotes) if (n.creditedInvoiceId) credited.set(n.creditedInvoiceId, (credited.get(n.creditedInvoiceId) ?? 0n) + n.totalMinor);
    const creditedIds = [...new Set(invoices.map((i) => i.creditedInvoiceId).filter((id): id is string => Boolean(id)))];
    const numbers = new Map(
      creditedIds.length ? (await tx.invoice.findMany({ where: { tenantId: actor.tenantId, id: { in: creditedIds } }, select: { id: true, number: true } })).map((i) => [i.id, i.number]) : [],
    );
    const collectorIds = [...new Set(payments.map((p) => p.collectedById).filter((id): id is string => Boolean(id)))];
    const collectors = new Map(
      collectorIds.length ? (await tx.operator.findMany({ where: { tenantId: actor.tenantId, id: { in: collectorIds } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]) : [],
    );
    const now = new Date();

    return {
      customerId: customer.id,
      currency: tenant.currency,
      locale: tenant.locale,
      timeZone: tenant.timezone,
      receivableMinor,
      creditMinor,
      balanceMinor: receivableMinor - creditMinor,
      status: customer.status,
      expiresAt: customer.expiresAt,
      lockedAt: customer.lockedAt,
      lockReason: customer.lockReason,
      packageName: pkg?.name ?? null,
      packageId: pkg ? customer.packageId : null,
      hasPackage: Boolean(pkg),
      terms: {
        mode: row?.mode ?? pkg?.billingMode ?? settings?.defaultMode ?? "PREPAID_VALIDITY",
        modeFrom: row?.mode ? "customer" : pkg?.billingMode ? "package" : "tenant",
        priceMinor: row?.complimentary ? 0n : (row?.priceMinor ?? pkg?.priceMinor ?? 0n),
        specialPrice: row?.priceMinor !== null && row?.priceMinor !== undefined,
        complimentary: row?.complimentary ?? false,
        billingDay: row?.billingDay ?? settings?.billingDay ?? null,
        dueDays: settings?.dueDays ?? 7,
        graceDays: settings?.graceDays ?? 3,
        periodStart: row?.periodStart ?? null,
        periodEnd: row?.periodEnd ?? null,
      },
      invoices: invoices.map((i) => ({
        id: i.id,
        number: i.number,
        kind: i.kind,
        status: i.status,
        source: i.source,
        issuedAt: i.issuedAt,
        dueAt: i.dueAt,
        createdAt: i.createdAt,
        totalMinor: i.totalMinor,
        paidMinor: i.paidMinor,
        overdue: i.kind === "INVOICE" && (i.status === "ISSUED" || i.status === "PARTIALLY_PAID") && i.dueAt !== null && i.dueAt <= now,
        creditedInvoiceNumber: i.creditedInvoiceId ? (numbers.get(i.creditedInvoiceId) ?? null) : null,
        hasCreditNotes: credited.has(i.id),
        creditableMinor: i.kind === "INVOICE" && ["ISSUED", "PARTIALLY_PAID", "PAID"].includes(i.status) ? i.totalMinor + (credited.get(i.id) ?? 0n) : 0n,
      })),
      payments: payments.map((p) => ({
        id: p.id,
        receiptNumber: p.receiptNumber,
        receivedAt: p.receivedAt,
        method: p.method,
        amountMinor: p.amountMinor,
        reference: p.reference,
        collectorName: p.collectedById ? (collectors.get(p.collectedById) ?? null) : null,
        status: p.status,
        reversalReason: p.reversalReason,
      })),
    };
  });
}
