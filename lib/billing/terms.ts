// A customer's effective billing terms: its own row in customer_billing where set, else its
// package's, else the tenant's defaults. One function so every biller reads them the same way.
import type { Tx } from "@/lib/db";
import type { CustomerBilling, CustomerBillingMode } from "@/lib/db/generated/client";
import type { BillingContext } from "./billing-context";

export interface Terms {
  mode: CustomerBillingMode;
  /** The price of one package period for this customer (special price or the package's). */
  priceMinor: bigint;
  complimentary: boolean;
  /** 1-28, or null for the anniversary. */
  billingDay: number | null;
  row: CustomerBilling | null;
}

export async function customerTerms(
  tx: Tx,
  ctx: BillingContext,
  customerId: string,
  pkg: { id: string; priceMinor: bigint } | null,
): Promise<Terms> {
  const [row, pkgMode] = await Promise.all([
    tx.customerBilling.findUnique({ where: { customerId } }),
    pkg ? tx.package.findUnique({ where: { id: pkg.id }, select: { billingMode: true } }) : Promise.resolve(null),
  ]);
  return {
    mode: row?.mode ?? pkgMode?.billingMode ?? ctx.settings.defaultMode,
    priceMinor: row?.complimentary ? 0n : (row?.priceMinor ?? pkg?.priceMinor ?? 0n),
    complimentary: row?.complimentary ?? false,
    billingDay: row?.billingDay ?? ctx.settings.billingDay ?? null,
    row,
  };
}
