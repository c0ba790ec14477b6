-- Authorization in one call and one statement per Access-Request.
--
-- radius_authorize returns the check items and the reply items together, all as check rows:
-- rlm_sql moves set-operator (:=, =, +=) items into the control list and the site copies the
-- reply attributes from there into the reply (deploy/freeradius/sites/default), so FreeRADIUS
-- makes one round trip instead of two (radius_check + radius_reply). Inside, one statement
-- resolves the user's effective group once (its package group, or the lapsed group from the
-- instant radexpiry says access ended) and reads everything from it; the Simultaneous-Use limit is
-- applied here as a Reject rather than by the sql module's session section (another query).
-- Measured per request: PostgreSQL CPU 208 µs with the two functions, see docs/benchmarks.md.
CREATE FUNCTION radius_authorize(p_tenant uuid, p_username text)
RETURNS TABLE (id bigint, username text, attribute text, value text, op varchar)
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  RETURN QUERY
    WITH g AS (
      SELECT CASE WHEN e.expires_at <= now() THEN e.lapsed_group ELSE ug.groupname END AS groupname
        FROM radusergroup ug
        LEFT JOIN radexpiry e ON e.tenant_id = ug.tenant_id AND e.username = ug.username
       WHERE ug.tenant_id = p_tenant AND ug.username = p_username
    )
    SELECT c.id::bigint, c.username, c.attribute, c.value, c.op
      FROM radcheck c WHERE c.tenant_id = p_tenant AND c.username = p_username
    UNION ALL
    SELECT gc.id::bigint + 1000000000, p_username, gc.attribute, gc.value, gc.op
      FROM g JOIN radgroupcheck gc ON gc.tenant_id = p_tenant AND gc.groupname = g.groupname
     WHERE gc.attribute <> 'Simultaneous-Use'
    UNION ALL
    SELECT 2000000000::bigint, p_username, 'Auth-Type'::text, 'Reject'::text, ':='::varchar
      FROM g JOIN radgroupcheck gc ON gc.tenant_id = p_tenant AND gc.groupname = g.groupname
     WHERE gc.attribute = 'Simultaneous-Use'
       AND (SELECT count(*) FROM radacct a
             WHERE a.tenant_id = p_tenant AND a.username = p_username AND a.acctstoptime IS NULL) >= gc.value::int
    UNION ALL
    -- Reply items, as assignments only: any other operator would be taken for a comparison.
    SELECT r.id::bigint + 3000000000, r.username, r.attribute, r.value, r.op
      FROM radreply r WHERE r.tenant_id = p_tenant AND r.username = p_username AND r.op IN (':=', '=', '+=')
    UNION ALL
    SELECT 3999999999::bigint, e.username, 'Session-Timeout'::text,
           GREATEST(60, CEIL(EXTRACT(EPOCH FROM e.expires_at - now())))::bigint::text, ':='::varchar
      FROM radexpiry e WHERE e.tenant_id = p_tenant AND e.username = p_username AND e.expires_at > now()
    UNION ALL
    SELECT gr.id::bigint + 4000000000, p_username, gr.attribute, gr.value, gr.op
      FROM g JOIN radgroupreply gr ON gr.tenant_id = p_tenant AND gr.groupname = g.groupname
     WHERE gr.op IN (':=', '=', '+=')
    ORDER BY 1;
END
$fn$;

GRANT EXECUTE ON FUNCTION radius_authorize(uuid, text) TO isp_radius;

-- Replaced by radius_authorize.
DROP FUNCTION radius_check(uuid, text);
DROP FUNCTION radius_reply(uuid, text);
