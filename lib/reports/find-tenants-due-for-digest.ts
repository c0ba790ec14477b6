import { withSystem } from "@/lib/db";
import { localDate, previousDay } from "./local-day";

export type DigestDue = { tenantId: string; day: string };

/**
 * Tenants whose local calendar day changed in the hour ending at `at`: each gets the digest of the
 * day that just ended. Driven by an hourly tick, every tenant is due exactly once per local day,
 * whatever its offset (+05:45 and -03:30 included). Cross-tenant by nature: system scope.
 */
export async function findTenantsDueForDigest(at: Date): Promise<DigestDue[]> {
  const hourBefore = new Date(at.getTime() - 3_600_000);
  const tenants = await withSystem("digest: tenants whose day ended", (tx) =>
    tx.tenant.findMany({ where: { status: "ACTIVE" }, select: { id: true, timezone: true }, orderBy: { id: "asc" } }),
  );
  const due: DigestDue[] = [];
  for (const t of tenants) {
    const today = localDate(at, t.timezone);
    if (today !== localDate(hourBefore, t.timezone)) due.push({ tenantId: t.id, day: previousDay(today) });
  }
  return due;
}
