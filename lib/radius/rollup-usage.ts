// Daily usage from accounting. Routers overwrite a session's counters at each interim update, so
// every run adds what changed since the previous run (kept in usage_seen) to today's bucket in the
// ISP's time zone, in one statement: a retried run finds nothing new and adds nothing twice.
// The same delta goes to the login's current data-cap period (usage_period, keyed by the period's
// start instant) for customers whose package has a cap: the cap is checked against that, so a
// renewal, which moves the start, begins from zero even on a day that already had traffic.
import { withSystem, withTenant } from "@/lib/db";

export async function rollupUsage(tenantId: string): Promise<number> {
  return withTenant(tenantId, async (tx) => {
    const { timezone } = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timezone: true } });
    return tx.$executeRaw`
      WITH cur AS (
        SELECT a.acctuniqueid, a.username,
               COALESCE(a.acctinputoctets, 0) AS bin, COALESCE(a.acctoutputoctets, 0) AS bout,
               COALESCE(a.acctsessiontime, 0) AS secs, a.acctstoptime IS NOT NULL AS closed
        FROM radacct a
        WHERE a.tenant_id = ${tenantId}::uuid AND a.username IS NOT NULL
          AND (a.acctstoptime IS NULL OR a.acctupdatetime >= now() - interval '2 days')
      ),
      delta AS (
        SELECT c.*, GREATEST(c.bin - COALESCE(s.bytes_in, 0), 0) AS din, GREATEST(c.bout - COALESCE(s.bytes_out, 0), 0) AS dout,
               GREATEST(c.secs - COALESCE(s.seconds, 0), 0) AS dsec
        FROM cur c LEFT JOIN usage_seen s ON s.acctuniqueid = c.acctuniqueid
        WHERE s.acctuniqueid IS NULL OR NOT s.closed
      ),
      seen AS (
        INSERT INTO usage_seen (acctuniqueid, tenant_id, bytes_in, bytes_out, seconds, closed)
        SELECT acctuniqueid, ${tenantId}::uuid, bin, bout, secs, closed FROM delta
        ON CONFLICT (acctuniqueid) DO UPDATE
          SET bytes_in = EXCLUDED.bytes_in, bytes_out = EXCLUDED.bytes_out, seconds = EXCLUDED.seconds, closed = EXCLUDED.closed
      ),
      per_login AS (
        SELECT username, SUM(din) AS din, SUM(dout) AS dout FROM delta GROUP BY username HAVING SUM(din) > 0 OR SUM(dout) > 0
      ),
      -- A login is a customer's username, or the MAC of a hotspot customer (its MAC login).
      owner AS (
        SELECT DISTINCT ON (login) login, data_cap_period_start(c.expires_at, p.validity_value, p.validity_unit, now()) AS start
        FROM (
          SELECT c.username AS login, c.expires_at, c.package_id, 0 AS pref FROM customers c
          WHERE c.tenant_id = ${tenantId}::uuid AND c.username IN (SELECT username FROM per_login)
          UNION ALL
          SELECT c.mac_address, c.expires_at, c.package_id, 1 FROM customers c
          WHERE c.tenant_id = ${tenantId}::uuid AND c.connection_type = 'HOTSPOT' AND c.mac_address IN (SELECT username FROM per_login)
        ) c
        JOIN packages p ON p.id = c.package_id AND p.data_cap_bytes IS NOT NULL
        ORDER BY login, c.pref
      ),
      period AS (
        INSERT INTO usage_period (tenant_id, username, period_start, bytes_in, bytes_out)
        SELECT ${tenantId}::uuid, l.username, o.start, l.din, l.dout FROM per_login l JOIN owner o ON o.login = l.username
        ON CONFLICT (tenant_id, username, period_start) DO UPDATE SET
          bytes_in = usage_period.bytes_in + EXCLUDED.bytes_in,
          bytes_out = usage_period.bytes_out + EXCLUDED.bytes_out
      )
      INSERT INTO usage_daily (tenant_id, username, day, bytes_in, bytes_out, seconds)
      SELECT ${tenantId}::uuid, username, (now() AT TIME ZONE ${timezone})::date, SUM(din), SUM(dout), SUM(dsec)
      FROM delta WHERE din > 0 OR dout > 0 OR dsec > 0
      GROUP BY username
      ON CONFLICT (tenant_id, username, day) DO UPDATE SET
        bytes_in = usage_daily.bytes_in + EXCLUDED.bytes_in,
        bytes_out = usage_daily.bytes_out + EXCLUDED.bytes_out,
        seconds = usage_daily.seconds + EXCLUDED.seconds`;
  });
}

/** Tenants with sessions that may have new traffic. Cross-tenant by nature: system scope. */
export async function tenantsWithRecentAccounting(): Promise<string[]> {
  const rows = await withSystem("usage: tenants with recent accounting", (tx) =>
    tx.$queryRaw<{ tenant_id: string }[]>`
      SELECT DISTINCT tenant_id::text FROM radacct
      WHERE tenant_id IS NOT NULL AND (acctstoptime IS NULL OR acctupdatetime >= now() - interval '2 days')`,
  );
  return rows.map((r) => r.tenant_id);
}
