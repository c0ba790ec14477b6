-- A session closed as stale (radius.close-stale-sessions: no update for 3x the interim interval,
-- e.g. a router cut off from RADIUS for a while) is still alive if its router later sends an
-- Interim-Update or Stop for it: take the update, reopening the row (or closing it properly),
-- instead of ignoring it and showing the customer offline until the next login.
CREATE OR REPLACE FUNCTION radius_acct_update(
  p_tenant uuid, p_uniqueid text, p_sessionid text, p_username text, p_nas inet, p_port text, p_porttype text,
  p_event timestamptz, p_session_time bigint, p_in bigint, p_out bigint, p_framed text,
  p_called text, p_calling text, p_cause text, p_service text, p_protocol text, p_stop boolean
) RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  n integer;
BEGIN
  UPDATE radacct SET
    framedipaddress = COALESCE(NULLIF(p_framed, '')::inet, framedipaddress),
    acctsessiontime = COALESCE(p_session_time, acctsessiontime),
    acctinterval = CASE WHEN p_stop THEN acctinterval ELSE EXTRACT(EPOCH FROM p_event - COALESCE(acctupdatetime, acctstarttime))::bigint END,
    acctupdatetime = p_event,
    acctinputoctets = p_in,
    acctoutputoctets = p_out,
    acctstoptime = CASE WHEN p_stop THEN p_event ELSE NULL END,
    acctterminatecause = CASE WHEN p_stop THEN NULLIF(p_cause, '') ELSE NULL END
  WHERE acctuniqueid = p_uniqueid AND (acctstoptime IS NULL OR acctterminatecause = 'Stale-Session');
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n = 0 THEN
    INSERT INTO radacct (tenant_id, acctsessionid, acctuniqueid, username, nasipaddress, nasportid, nasporttype,
      acctstarttime, acctupdatetime, acctstoptime, acctsessiontime, acctinputoctets, acctoutputoctets,
      calledstationid, callingstationid, acctterminatecause, servicetype, framedprotocol, framedipaddress)
    VALUES (p_tenant, p_sessionid, p_uniqueid, p_username, p_nas, NULLIF(p_port, ''), p_porttype,
      p_event - make_interval(secs => COALESCE(p_session_time, 0)), p_event, CASE WHEN p_stop THEN p_event END,
      p_session_time, p_in, p_out, p_called, p_calling, CASE WHEN p_stop THEN NULLIF(p_cause, '') END,
      p_service, p_protocol, NULLIF(p_framed, '')::inet)
    ON CONFLICT (acctuniqueid) DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;
  END IF;
  RETURN 1;
END
$fn$;
