// A router that reboots or loses power sends no Stop (and no Accounting-On when it never comes
// back), so its sessions would stay "online" for ever and, with one login allowed, refuse the
// customer's next login. A session the router stopped reporting is closed as FreeRADIUS's
// tools do: stopped at its last update, cause Stale-Session.
import { withSystem, withTenant } from "@/lib/db";
import { radiusSettingsOf } from "./tenant-radius-settings";

/** Interim updates a session may miss before it counts as gone. */
export const STALE_AFTER_INTERVALS = 3;
export const STALE_SESSION_CAUSE = "Stale-Session";

/** Tenants with open sessions (the partial index on open sessions answers this). Cross-tenant: system scope. */
export async function tenantsWithOpenSessions(): Promise<string[]> {
  const rows = await withSystem("stale sessions: tenants with open sessions", (tx) =>
    tx.$queryRaw<{ tenant_id: string }[]>`SELECT DISTINCT tenant_id::text FROM radacct WHERE acctstoptime IS NULL AND tenant_id IS NOT NULL`,
  );
  return rows.map((r) => r.tenant_id);
}

/**
 * Closes the tenant's open sessions with no update for longer than 3 interim intervals (the ISP's
 * Acct-Interim-Interval, 5 minutes by default). Returns how many were closed.
 */
export async function closeStaleSessions(tenantId: string, now = new Date()): Promise<number> {
  return withTenant(tenantId, async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { settings: true } });
    const seconds = STALE_AFTER_INTERVALS * radiusSettingsOf(tenant.settings).interimIntervalSeconds;
    const before = new Date(now.getTime() - seconds * 1000);
    return tx.$executeRaw`
      UPDATE radacct SET
        acctstoptime = COALESCE(acctupdatetime, acctstarttime),
        acctsessiontime = COALESCE(acctsessiontime, GREATEST(0, EXTRACT(EPOCH FROM COALESCE(acctupdatetime, acctstarttime) - acctstarttime))::bigint),
        acctterminatecause = ${STALE_SESSION_CAUSE}
      WHERE tenant_id = ${tenantId}::uuid AND acctstoptime IS NULL
        AND COALESCE(acctupdatetime, acctstarttime) < ${before}`;
  });
}
