-- FreeRADIUS hardening (docs/radius.md, "Walls"):
--
-- 1. Every value reaches FreeRADIUS literally. rlm_sql parses a value whose first and last
--    characters are the same quote: back-quoted ones are EXPANDED (`%{sql:...}` ran any query as
--    FreeRADIUS), double-quoted ones unescaped, and every value is then unescaped once more as if
--    double-quoted (\n, \\, \", \NNN). So the functions below hand out every value wrapped in
--    single quotes with exactly the escapes FreeRADIUS 3.2 undoes: backslashes doubled (for the
--    double-quote unescape), then quotes as \' (for gettoken's single-quoted token, which only
--    turns \' into ' and copies any other backslash pair). radius_literal() is that encoding.
--
-- 2. Least privilege. FreeRADIUS's role (isp_radius) no longer reads or writes any table: it may
--    only call the radius_nas_* functions, SECURITY DEFINER (owned by isp_system, search_path
--    pinned), each of which derives the tenant from the router's address itself (the claim that
--    serves that address, see radius_nas_claim), never from an argument naming a tenant. It loses
--    BYPASSRLS. A query smuggled past wall 1 could still only call these functions.
--
-- 3. NAS claims. Several ISPs may register the same router address; none learns of the others.
--    FreeRADIUS serves the address with the most recently PROVEN claim (the router answered a
--    request signed with that claim's secret, lib/routers/verify-router.ts), else with the
--    oldest claim. A later squatter therefore never displaces the owner, and an earlier one
--    only until the owner's router proves itself.

-- Claims: one per router; the address is no longer unique on the platform, only within an ISP.
DROP INDEX IF EXISTS "routers_nas_ip_key";
CREATE UNIQUE INDEX IF NOT EXISTS "routers_tenant_id_nas_ip_key" ON "routers" ("tenant_id", "nas_ip");
DROP INDEX IF EXISTS "nas_nasname_key";
CREATE INDEX IF NOT EXISTS "nas_nasname_idx" ON "nas" ("nasname");
ALTER TABLE "nas" ADD COLUMN IF NOT EXISTS "proven_at" TIMESTAMPTZ(3);
ALTER TABLE "routers" ADD COLUMN IF NOT EXISTS "proven_at" TIMESTAMPTZ(3);

-- Message-Authenticator (BlastRADIUS): required from a router unless its ISP turns it off. Routers
-- registered before this migration keep working as they did (off) until their ISP turns it on.
ALTER TABLE "routers" ADD COLUMN IF NOT EXISTS "require_message_authenticator" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "routers" ALTER COLUMN "require_message_authenticator" SET DEFAULT true;
ALTER TABLE "nas" ADD COLUMN IF NOT EXISTS "require_ma" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "nas" ALTER COLUMN "require_ma" SET DEFAULT true;

-- The quoted form FreeRADIUS 3.2's rlm_sql turns back into exactly p_value (see 1. above).
-- No SET clause, so the planner inlines it into the caller's query: a SET made it a function call
-- per reply row, ~35 us of a ~200 us authorization (pgbench). Everything is schema-qualified
-- instead, so the caller's search_path cannot change what it calls.
CREATE OR REPLACE FUNCTION radius_literal(p_value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
-- chr(92) is the backslash, chr(39) the single quote: no literal whose reading depends on
-- standard_conforming_strings.
AS $fn$ SELECT pg_catalog.chr(39) OPERATOR(pg_catalog.||) pg_catalog.replace(pg_catalog.replace(p_value, pg_catalog.chr(92), pg_catalog.chr(92) OPERATOR(pg_catalog.||) pg_catalog.chr(92)), pg_catalog.chr(39), pg_catalog.chr(92) OPERATOR(pg_catalog.||) pg_catalog.chr(39)) OPERATOR(pg_catalog.||) pg_catalog.chr(39) $fn$;

-- The claim FreeRADIUS serves an address with: the latest proven, else the oldest.
CREATE OR REPLACE FUNCTION radius_nas_claim(p_nas inet)
  RETURNS TABLE (tenant_id uuid, router_id uuid, secret text, require_ma boolean)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET jit = off
AS $fn$
  SELECT n.tenant_id, n.router_id, n.secret, n.require_ma FROM nas n
   WHERE n.nasname = host(p_nas)
   ORDER BY n.proven_at DESC NULLS LAST, n.id ASC
   LIMIT 1
$fn$;

-- The tenant of that claim, as one value. PL/pgSQL, so its plan is prepared once per connection:
-- every request asks it. It states radius_nas_claim's rule again rather than calling it: the call
-- (or a DISTINCT ON view serving both) cost 35-40 us more per authorization (pgbench).
--
-- Every function FreeRADIUS calls runs with jit = off: on tables without fresh statistics a plan of
-- radius_authorize can cross jit_above_cost, and compiling it cost 35-50 ms per request against
-- 0.2 ms (measured with pgbench on the test database).
CREATE OR REPLACE FUNCTION radius_nas_tenant(p_nas inet) RETURNS uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET jit = off
AS $fn$
BEGIN
  RETURN (SELECT n.tenant_id FROM nas n WHERE n.nasname = host(p_nas) ORDER BY n.proven_at DESC NULLS LAST, n.id ASC LIMIT 1);
END
$fn$;

-- The dynamic_clients server's one lookup: "<require MA yes|no> <tenant> <secret>", or nothing.
CREATE OR REPLACE FUNCTION radius_nas_client(p_nas inet) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET jit = off
AS $fn$
  SELECT CASE WHEN c.require_ma THEN 'yes' ELSE 'no' END || ' ' || c.tenant_id || ' ' || c.secret FROM radius_nas_claim(p_nas) c
$fn$;

-- Authorization for a user of the router's ISP, every value in its literal form.
CREATE OR REPLACE FUNCTION radius_nas_authorize(p_nas inet, p_username text)
  RETURNS TABLE (id bigint, username text, attribute text, value text, op varchar)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET jit = off
AS $fn$
DECLARE
  v_tenant uuid := radius_nas_tenant(p_nas);
BEGIN
  IF v_tenant IS NULL THEN RETURN; END IF;
  RETURN QUERY SELECT a.id, a.username, a.attribute, radius_literal(a.value), a.op FROM radius_authorize(v_tenant, p_username) a ORDER BY a.id;
END
$fn$;

-- The per-packet functions below are PL/pgSQL, not SQL: PostgreSQL plans a SQL function's body
-- again on every call, PL/pgSQL once per connection (Interim-Update 3,000/s as SQL functions).

-- Accounting Start (a repeated Start of an open session only refreshes its start).
CREATE OR REPLACE FUNCTION radius_nas_acct_start(
  p_nas inet, p_uniqueid text, p_sessionid text, p_username text, p_port text, p_porttype text, p_event timestamptz,
  p_authentic text, p_connectinfo text, p_called text, p_calling text, p_service text, p_protocol text, p_framed text
) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
  SET jit = off
AS $fn$
BEGIN
  INSERT INTO radacct (tenant_id, acctsessionid, acctuniqueid, username, nasipaddress, nasportid, nasporttype,
    acctstarttime, acctupdatetime, acctstoptime, acctsessiontime, acctauthentic, connectinfo_start,
    acctinputoctets, acctoutputoctets, calledstationid, callingstationid, acctterminatecause,
    servicetype, framedprotocol, framedipaddress)
  SELECT c.tenant_id, p_sessionid, p_uniqueid, p_username, p_nas, NULLIF(p_port, ''), p_porttype,
    p_event, p_event, NULL, 0, p_authentic, p_connectinfo, 0, 0, p_called, p_calling, NULL,
    p_service, p_protocol, NULLIF(p_framed, '')::inet
    FROM (SELECT radius_nas_tenant(p_nas) AS tenant_id) c WHERE c.tenant_id IS NOT NULL
  ON CONFLICT (acctuniqueid) DO UPDATE SET acctstarttime = p_event, acctupdatetime = p_event, connectinfo_start = p_connectinfo
   WHERE radacct.acctstoptime IS NULL AND radacct.tenant_id = EXCLUDED.tenant_id;
END
$fn$;

-- Interim-Update and Stop: radius_acct_update for the router's ISP. A unique id already held by
-- another ISP's session (it is a hash of what the packet says) is left alone.
CREATE OR REPLACE FUNCTION radius_nas_acct_update(
  p_nas inet, p_uniqueid text, p_sessionid text, p_username text, p_port text, p_porttype text,
  p_event timestamptz, p_session_time bigint, p_in bigint, p_out bigint, p_framed text,
  p_called text, p_calling text, p_cause text, p_service text, p_protocol text, p_stop boolean
) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
  SET jit = off
AS $fn$
DECLARE
  v_tenant uuid := radius_nas_tenant(p_nas);
BEGIN
  IF v_tenant IS NULL OR EXISTS (SELECT 1 FROM radacct a WHERE a.acctuniqueid = p_uniqueid AND a.tenant_id IS DISTINCT FROM v_tenant) THEN
    RETURN NULL;
  END IF;
  RETURN radius_acct_update(v_tenant, p_uniqueid, p_sessionid, p_username, p_nas, p_port, p_porttype, p_event,
           p_session_time, p_in, p_out, p_framed, p_called, p_calling, p_cause, p_service, p_protocol, p_stop);
END
$fn$;

-- Accounting-On / -Off: the router restarted, every session it had open is over.
CREATE OR REPLACE FUNCTION radius_nas_acct_on(p_nas inet, p_event timestamptz, p_cause text) RETURNS void
  LANGUAGE sql SECURITY DEFINER
  SET search_path = public, pg_temp
  SET jit = off
AS $fn$
  UPDATE radacct SET acctstoptime = p_event, acctupdatetime = p_event,
         acctsessiontime = EXTRACT(EPOCH FROM p_event - acctstarttime)::bigint,
         acctterminatecause = COALESCE(NULLIF(p_cause, ''), 'NAS-Reboot')
   WHERE acctstoptime IS NULL AND tenant_id = radius_nas_tenant(p_nas)
     AND nasipaddress = p_nas AND acctstarttime <= p_event
$fn$;

-- Who tried, from where, and the answer (never the password).
CREATE OR REPLACE FUNCTION radius_nas_post_auth(p_nas inet, p_username text, p_reply text, p_called text, p_calling text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
  SET jit = off
AS $fn$
BEGIN
  INSERT INTO radpostauth (tenant_id, username, reply, calledstationid, callingstationid, nasipaddress, authdate)
  SELECT c.tenant_id, p_username, p_reply, p_called, p_calling, p_nas, now()
    FROM (SELECT radius_nas_tenant(p_nas) AS tenant_id) c WHERE c.tenant_id IS NOT NULL;
END
$fn$;

DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[
    'radius_nas_claim(inet)',
    'radius_nas_tenant(inet)',
    'radius_nas_client(inet)',
    'radius_nas_authorize(inet, text)',
    'radius_nas_acct_start(inet, text, text, text, text, text, timestamptz, text, text, text, text, text, text, text)',
    'radius_nas_acct_update(inet, text, text, text, text, text, timestamptz, bigint, bigint, bigint, text, text, text, text, text, text, boolean)',
    'radius_nas_acct_on(inet, timestamptz, text)',
    'radius_nas_post_auth(inet, text, text, text, text)'
  ] LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO isp_system', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END
$$;
-- The tenant-taking internals are the app's (tests, jobs), no longer FreeRADIUS's.
REVOKE ALL ON FUNCTION radius_authorize(uuid, text), radius_open_sessions(uuid, text),
  radius_acct_update(uuid, text, text, text, inet, text, text, timestamptz, bigint, bigint, bigint, text, text, text, text, text, text, boolean)
  FROM PUBLIC, isp_radius;
GRANT EXECUTE ON FUNCTION radius_authorize(uuid, text), radius_open_sessions(uuid, text),
  radius_acct_update(uuid, text, text, text, inet, text, text, timestamptz, bigint, bigint, bigint, text, text, text, text, text, text, boolean)
  TO isp_app, isp_system;
GRANT EXECUTE ON FUNCTION radius_nas_client(inet), radius_nas_authorize(inet, text),
  radius_nas_acct_start(inet, text, text, text, text, text, timestamptz, text, text, text, text, text, text, text),
  radius_nas_acct_update(inet, text, text, text, text, text, timestamptz, bigint, bigint, bigint, text, text, text, text, text, text, boolean),
  radius_nas_acct_on(inet, timestamptz, text), radius_nas_post_auth(inet, text, text, text, text) TO isp_radius;

-- No table, no sequence, no row-level-security bypass for FreeRADIUS.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM isp_radius;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM isp_radius;
ALTER ROLE isp_radius NOBYPASSRLS;
