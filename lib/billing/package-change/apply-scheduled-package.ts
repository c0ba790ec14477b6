// A package change scheduled for the period end (next_package_id) taking effect: the bill run
// (monthly, at the period boundary) and renewals (prepaid, at expiry) call this before pricing the
// next period, so that period is billed at the new package. Switched through the customer fan-out.
import type { Actor } from "@/lib/audit/actor";
import type { Tx } from "@/lib/db";
import type { Customer } from "@/lib/db/generated/client";
import { applyCustomerChange } from "@/lib/customers/customer-changed";
import type { BillingContext } from "../billing-context";

/** Switches the customer to its scheduled package, if it has one; returns the customer after. Caller holds the billing lock. */
export async function applyScheduledPackageTx(tx: Tx, ctx: BillingContext, customerId: string, options: { actor: Actor; now?: Date }): Promise<Customer | null> {
  const row = await tx.customerBilling.findUnique({ where: { customerId } });
  if (!row?.nextPackageId) return null;
  const before = await tx.customer.findFirstOrThrow({ where: { id: customerId, tenantId: ctx.tenantId } });
  await tx.customerBilling.update({ where: { customerId }, data: { nextPackageId: null, priceMinor: null } });
  const pkg = await tx.package.findFirst({ where: { id: row.nextPackageId, tenantId: ctx.tenantId, status: "ACTIVE" }, select: { id: true } });
  // Archived since it was scheduled: the customer stays on its package (the operator sees it in the audit).
  if (!pkg || before.packageId === pkg.id) return before;
  const after = await tx.customer.update({ where: { id: customerId }, data: { packageId: pkg.id } });
  await applyCustomerChange(tx, {
    tenantId: ctx.tenantId,
    before,
    after,
    reason: "scheduled package change",
    ...(options.now ? { now: options.now } : {}),
    audit: { actor: options.actor, action: "customer.package.change", before: { packageId: before.packageId }, after: { packageId: pkg.id, mode: "scheduled" } },
  });
  return after;
}
