import { withTenant } from "@/lib/db";
import type { Actor } from "@/lib/audit/actor";
import { getCustomerOrThrow } from "@/lib/customers/get-customer";
import { localDate } from "@/lib/reports/local-day";

export type UsagePoint = { day: string; downloadMB: number; uploadMB: number };

/** The customer's daily traffic (its own logins), oldest first, every day of the window present. */
export async function listCustomerUsage(actor: Actor, customerId: string, days = 30): Promise<UsagePoint[]> {
  const customer = await getCustomerOrThrow(actor, customerId);
  return withTenant(actor.tenantId, async (tx) => {
    const { timezone } = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { timezone: true } });
    const today = localDate(new Date(), timezone);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * 86_400_000);
    const rows = await tx.usageDaily.groupBy({
      by: ["day"],
      where: { tenantId: actor.tenantId, username: { in: [customer.username, ...(customer.macAddress ? [customer.macAddress] : [])] }, day: { gte: from } },
      _sum: { bytesIn: true, bytesOut: true },
    });
    const byDay = new Map(rows.map((r) => [r.day.toISOString().slice(0, 10), r._sum]));
    return Array.from({ length: days }, (_, i) => {
      const day = new Date(from.getTime() + i * 86_400_000).toISOString().slice(0, 10);
      const sum = byDay.get(day);
      // Accounting counts from the router: its output is the customer's download.
      return { day, downloadMB: Number(sum?.bytesOut ?? 0n) / 1e6, uploadMB: Number(sum?.bytesIn ?? 0n) / 1e6 };
    });
  });
}
