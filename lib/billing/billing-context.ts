// What every billing operation needs to know about the tenant: its currency, time zone and
// billing settings, read once in the operation's transaction.
import type { Tx } from "@/lib/db";
import type { BillingSettings } from "@/lib/db/generated/client";

export interface BillingContext {
  tenantId: string;
  currency: string;
  timeZone: string;
  locale: string;
  settings: BillingSettings;
}

export async function billingContext(tx: Tx, tenantId: string): Promise<BillingContext> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { currency: true, timezone: true, locale: true } });
  // Every tenant has a row (a trigger makes it with the tenant); upsert covers one made before it.
  const settings = await tx.billingSettings.upsert({ where: { tenantId }, create: { tenantId }, update: {} });
  return { tenantId, currency: tenant.currency, timeZone: tenant.timezone, locale: tenant.locale, settings };
}

/**
 * Serialises money operations on one customer: every writer of a customer's invoices, payments
 * and allocations takes this row lock first, so "what is open" and "how much credit" are read
 * and acted on without a concurrent writer in between. FOR NO KEY UPDATE, not FOR UPDATE: it does
 * not conflict with the key-share locks that inserting an invoice or payment (foreign key to the
 * customer) takes, so two writers cannot deadlock on "key share, then lock".
 */
export async function lockCustomerForBilling(tx: Tx, tenantId: string, customerId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM customers WHERE id = ${customerId}::uuid AND tenant_id = ${tenantId}::uuid FOR NO KEY UPDATE`;
  if (rows.length === 0) {
    const { AppError } = await import("@/lib/errors");
    throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  }
}
