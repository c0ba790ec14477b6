// Reminders for the notifications issue to deliver (job billing.reminders): outbox events, once
// each (the event id is stable, and the outbox drops an id it already holds):
//   billing/invoice.due_soon   an open invoice due within 3 days        id invoice.due_soon:<invoice>
//   billing/invoice.overdue    an open invoice past its due date         id invoice.overdue:<invoice>
//   billing/customer.expiring  a prepaid customer expiring within 3 days id customer.expiring:<customer>:<expiry>
// Sent at 09:00 on each tenant's own clock. Overdue invoices are looked for 7 days back only, so
// an invoice is never announced again after the outbox has pruned its first event (30 days).
import { withSystem, type Tx } from "@/lib/db";
import { emitEvents, type EmitEventInput } from "@/lib/jobs/outbox/emit-event";

export const INVOICE_DUE_SOON = "billing/invoice.due_soon";
export const INVOICE_OVERDUE = "billing/invoice.overdue";
export const CUSTOMER_EXPIRING = "billing/customer.expiring";
export const REMINDER_LOCAL_HOUR = 9;
const SOON = "3 days";
const OVERDUE_LOOKBACK = "7 days";

/** Tenants whose local hour is the reminder hour at `now` (an hourly cron reaches each once a day). */
async function tenantsAtReminderHour(tx: Tx, now: Date): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM tenants WHERE extract(hour FROM (${now}::timestamptz AT TIME ZONE timezone)) = ${REMINDER_LOCAL_HOUR}`;
  return rows.map((r) => r.id);
}

export async function reminderEvents(tx: Tx, tenantIds: string[], now: Date): Promise<EmitEventInput[]> {
  if (!tenantIds.length) return [];
  const invoices = await tx.$queryRaw<{ tenant_id: string; id: string; customer_id: string; number: string; due_at: Date; open_minor: bigint; overdue: boolean }[]>`
    SELECT tenant_id, id, customer_id, number, due_at, (total_minor - paid_minor) AS open_minor, due_at <= ${now} AS overdue
      FROM invoices
     WHERE tenant_id = ANY (${tenantIds}::uuid[]) AND kind = 'INVOICE' AND status IN ('ISSUED', 'PARTIALLY_PAID')
       AND due_at > ${now}::timestamptz - ${OVERDUE_LOOKBACK}::interval AND due_at <= ${now}::timestamptz + ${SOON}::interval`;
  const expiring = await tx.$queryRaw<{ tenant_id: string; id: string; expires_at: Date }[]>`
    SELECT c.tenant_id, c.id, c.expires_at
      FROM customers c
      JOIN billing_settings bs ON bs.tenant_id = c.tenant_id
      LEFT JOIN packages p ON p.id = c.package_id
      LEFT JOIN customer_billing cb ON cb.customer_id = c.id
     WHERE c.tenant_id = ANY (${tenantIds}::uuid[]) AND c.status = 'ACTIVE' AND c.expires_at > ${now} AND c.expires_at <= ${now}::timestamptz + ${SOON}::interval
       AND coalesce(cb.mode, p.billing_mode, bs.default_mode) = 'PREPAID_VALIDITY' AND NOT coalesce(cb.complimentary, false)`;
  return [
    ...invoices.map((i) => ({
      id: `${i.overdue ? "invoice.overdue" : "invoice.due_soon"}:${i.id}`,
      name: i.overdue ? INVOICE_OVERDUE : INVOICE_DUE_SOON,
      tenantId: i.tenant_id,
      data: { invoiceId: i.id, customerId: i.customer_id, number: i.number, dueAt: i.due_at.toISOString(), openMinor: i.open_minor.toString() },
    })),
    ...expiring.map((c) => ({
      id: `customer.expiring:${c.id}:${c.expires_at.toISOString()}`,
      name: CUSTOMER_EXPIRING,
      tenantId: c.tenant_id,
      data: { customerId: c.id, expiresAt: c.expires_at.toISOString() },
    })),
  ];
}

/** The reminders due now, for the tenants at their reminder hour (or the given ones). */
export async function sendReminders(now = new Date(), onlyTenants?: string[]): Promise<{ tenants: number; events: number }> {
  return withSystem("billing: reminders", async (tx) => {
    const tenants = onlyTenants ?? (await tenantsAtReminderHour(tx, now));
    const events = await reminderEvents(tx, tenants, now);
    for (let i = 0; i < events.length; i += 5000) await emitEvents(tx, events.slice(i, i + 5000));
    return { tenants: tenants.length, events: events.length };
  });
}
