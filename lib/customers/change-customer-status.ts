// The Suspend, Activate, Pause and Disable buttons: an operator's hand on the customer's status, as
// transitions rather than a free status field. Suspended (the operator's decision) and paused (the
// customer's request: not invoiced) are out of service; disabled (the customer left: no service,
// no invoices, kept for the records) too. None is billing's lock for non-payment
// (lock-customer.ts), which Activate leaves alone.
import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import type { CustomerStatus } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { applyCustomerChange } from "./customer-changed";
import { customerVisibility } from "./customer-visibility";
import { publicCustomer } from "./public-customer";

type Transition = { to: CustomerStatus; from: readonly CustomerStatus[]; action: string; refused: string };

async function transition(actor: OperatorActor, customerId: string, t: Transition, note?: string) {
  assertCan(actor, "customers:manage");
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const before = await tx.customer.findFirst({ where: { AND: [customerVisibility(actor), { id: customerId }] } });
    if (!before) throw new AppError("NOT_FOUND", { userMessage: "Customer not found." });
    if (before.status === t.to) return publicCustomer(before);
    if (!t.from.includes(before.status)) throw new AppError("CONFLICT", { userMessage: t.refused, status: 409 });
    const after = await tx.customer.update({ where: { id: before.id }, data: { status: t.to } });
    await applyCustomerChange(tx, {
      tenantId: actor.tenantId,
      before,
      after,
      reason: t.action,
      audit: { actor, action: t.action, before: { status: before.status }, after: { status: after.status, ...(note ? { reason: note } : {}) } },
    });
    return publicCustomer(after);
  });
}

/** Suspends the customer by hand (no service; the portal when the ISP lets lapsed customers in). */
export function suspendCustomer(actor: OperatorActor, customerId: string, reason?: string) {
  const note = reason?.trim().slice(0, 500) || undefined;
  return transition(
    actor,
    customerId,
    { to: "SUSPENDED", from: ["ACTIVE", "EXPIRED", "PAUSED"], action: "customer.status.suspended", refused: "A disabled customer cannot be suspended; activate it first." },
    note,
  );
}

/** Lifts a suspension or a pause, or brings a disabled customer back. A lock for non-payment stays until billing lifts it. */
export function activateCustomer(actor: OperatorActor, customerId: string) {
  return transition(actor, customerId, {
    to: "ACTIVE",
    from: ["SUSPENDED", "PAUSED", "DISABLED"],
    action: "customer.status.active",
    refused: "Only a suspended, paused or disabled customer can be activated; renew an expired one.",
  });
}

/** The customer left: no service and no invoices, the account kept (history, receipts, balance) until activated again. */
export function disableCustomer(actor: OperatorActor, customerId: string, reason?: string) {
  const note = reason?.trim().slice(0, 500) || undefined;
  return transition(
    actor,
    customerId,
    { to: "DISABLED", from: ["ACTIVE", "SUSPENDED", "EXPIRED", "PAUSED"], action: "customer.status.disabled", refused: "This customer cannot be disabled." },
    note,
  );
}

/** Pauses the customer at its request: no service and no invoices until activated. */
export function pauseCustomer(actor: OperatorActor, customerId: string) {
  return transition(actor, customerId, { to: "PAUSED", from: ["ACTIVE", "SUSPENDED"], action: "customer.status.paused", refused: "Only an active or suspended customer can be paused." });
}
