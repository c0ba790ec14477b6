// Locked for non-payment: billing locks a customer whose debt is past due and grace, and unlocks
// it once paid. A column (locked_at), not a status, so the status an operator set survives the lock
// and unlocking needs no memory of it. Both run in the caller's transaction (the payment's, the bill
// run's) and go through the one fan-out: RADIUS group, live session, router, audit.
import type { Actor } from "@/lib/audit/actor";
import type { Tx } from "@/lib/db";
import type { Customer } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { applyCustomerChange } from "./customer-changed";

export type LockCustomerOptions = { tenantId: string; customerId: string; reason: string; actor: Actor | null; now?: Date };
export type UnlockCustomerOptions = { tenantId: string; customerId: string; actor: Actor | null; now?: Date };
export type LockResult = { changed: boolean; customer: Customer };

const billing = (tenantId: string): Actor => ({ kind: "SYSTEM", tenantId, name: "Billing" });

async function current(tx: Tx, tenantId: string, customerId: string): Promise<Customer> {
  const c = await tx.customer.findFirst({ where: { id: customerId, tenantId } });
  if (!c) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  return c;
}

/** Locks the customer (no-op, no audit, when already locked). `actor` null: billing itself. */
export async function lockCustomer(tx: Tx, options: LockCustomerOptions): Promise<LockResult> {
  const { tenantId, customerId, reason } = options;
  const now = options.now ?? new Date();
  const before = await current(tx, tenantId, customerId);
  // Conditional, so two concurrent locks make one change and one audit row.
  const locked = await tx.customer.updateMany({ where: { id: customerId, tenantId, lockedAt: null }, data: { lockedAt: now, lockReason: reason } });
  if (!locked.count) return { changed: false, customer: await current(tx, tenantId, customerId) };
  const after = await current(tx, tenantId, customerId);
  await applyCustomerChange(tx, {
    tenantId,
    before: { ...before, lockedAt: null, lockReason: null },
    after,
    reason: "locked",
    now,
    audit: { actor: options.actor ?? billing(tenantId), action: "customer.lock", before: { lockedAt: null }, after: { lockedAt: after.lockedAt, lockReason: reason } },
  });
  return { changed: true, customer: after };
}

/** Lifts a lock for non-payment (no-op, no audit, when not locked); the customer's status is untouched. */
export async function unlockCustomer(tx: Tx, options: UnlockCustomerOptions): Promise<LockResult> {
  const { tenantId, customerId } = options;
  const now = options.now ?? new Date();
  const before = await current(tx, tenantId, customerId);
  if (!before.lockedAt) return { changed: false, customer: before };
  const unlocked = await tx.customer.updateMany({ where: { id: customerId, tenantId, lockedAt: { not: null } }, data: { lockedAt: null, lockReason: null } });
  if (!unlocked.count) return { changed: false, customer: await current(tx, tenantId, customerId) };
  const after = await current(tx, tenantId, customerId);
  await applyCustomerChange(tx, {
    tenantId,
    before,
    after,
    reason: "unlocked",
    now,
    audit: { actor: options.actor ?? billing(tenantId), action: "customer.unlock", before: { lockedAt: before.lockedAt, lockReason: before.lockReason }, after: { lockedAt: null } },
  });
  return { changed: true, customer: after };
}
