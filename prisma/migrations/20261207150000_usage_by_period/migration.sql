-- A data cap counts usage from the instant its period starts, not from that day: a renewal at
-- 15:00 must not count the morning's traffic again. The rollup adds each run's new traffic to the
-- bucket of the period current at that run (keyed by the period's start instant); a renewal moves
-- the start, so the new period begins empty.

-- The start instant of the data-cap period: the validity that ends at the expiry, else the UTC
-- calendar month. The one definition, used by the rollup and by the cap check.
CREATE OR REPLACE FUNCTION data_cap_period_start(expires_at timestamptz, validity_value int, validity_unit "ValidityUnit", at timestamptz)
RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN expires_at IS NULL THEN date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
    ELSE expires_at - validity_value * CASE validity_unit
      WHEN 'HOUR' THEN interval '1 hour'
      WHEN 'DAY' THEN interval '1 day'
      WHEN 'WEEK' THEN interval '7 days'
      ELSE interval '30 days' END
  END
$$;

CREATE TABLE IF NOT EXISTS "usage_period" (
    "tenant_id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "bytes_in" BIGINT NOT NULL DEFAULT 0,
    "bytes_out" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "usage_period_pkey" PRIMARY KEY ("tenant_id", "username", "period_start")
);

ALTER TABLE "usage_period" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "usage_period" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "usage_period";
CREATE POLICY tenant_isolation ON "usage_period" USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());

-- Carry the current periods over from the daily buckets (the old, by-day count) so deploying
-- this does not hand every capped customer a fresh allowance.
INSERT INTO "usage_period" (tenant_id, username, period_start, bytes_in, bytes_out)
SELECT u.tenant_id, u.username, s.start, SUM(u.bytes_in), SUM(u.bytes_out)
FROM customers c
JOIN packages p ON p.id = c.package_id AND p.data_cap_bytes IS NOT NULL
CROSS JOIN LATERAL (SELECT data_cap_period_start(c.expires_at, p.validity_value, p.validity_unit, now()) AS start) s
JOIN usage_daily u ON u.tenant_id = c.tenant_id AND u.username IN (c.username, c.mac_address) AND u.day >= (s.start AT TIME ZONE 'UTC')::date
GROUP BY u.tenant_id, u.username, s.start
ON CONFLICT DO NOTHING;
