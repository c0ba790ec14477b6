// The hourly fan-out asks a bill run only of tenants that have a monthly customer due, so an ISP
// with nothing to bill gets no run in its /admin/jobs list every hour.
import { withSystem } from "@/lib/db";

export async function tenantsWithBillsDue(now: Date): Promise<string[]> {
  const rows = await withSystem("billing: tenants with bills due", (tx) =>
    tx.$queryRaw<{ tenant_id: string }[]>`
      SELECT DISTINCT c.tenant_id FROM customers c
        JOIN packages p ON p.id = c.package_id
        JOIN billing_settings bs ON bs.tenant_id = c.tenant_id
        LEFT JOIN customer_billing cb ON cb.customer_id = c.id
       WHERE c.status IN ('ACTIVE', 'SUSPENDED')
         AND coalesce(cb.mode, p.billing_mode, bs.default_mode) = 'MONTHLY_ADVANCE'
         AND NOT coalesce(cb.complimentary, false)
         AND (cb.period_end IS NULL OR cb.period_end <= ${now})`,
  );
  return rows.map((r) => r.tenant_id);
}
