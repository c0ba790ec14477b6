-- Vouchers that log in on a hotspot by themselves, and the rest of a card's life (docs/vouchers.md,
-- "Hotspot login", "Expiry and revocation").
--
-- A card of a hotspot package can be typed as the username on the router's login page: FreeRADIUS
-- asks radius_nas_authorize with the voucher key (derived from APP_ENCRYPTION_KEY exactly as the
-- app derives it, written into the generated FreeRADIUS config and never stored in the database),
-- and when no customer has that username the code's keyed hash is looked up. The first accepted
-- login redeems the card: its time starts then (the package's validity), and if the batch says so
-- it is locked to the first device's MAC. Later logins get the package's speed, the time left, the
-- data left (a cut-off cap) and its device limit. The money side (the card's price leaving the
-- voucher liability) is posted by the job vouchers.settle, which also expires unused cards past
-- their batch's card expiry.
CREATE EXTENSION IF NOT EXISTS "pgcrypto";

ALTER TABLE "voucher_batches" ADD COLUMN IF NOT EXISTS "lock_mac" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "vouchers" ADD COLUMN IF NOT EXISTS "first_used_at" TIMESTAMPTZ(3);
ALTER TABLE "vouchers" ADD COLUMN IF NOT EXISTS "ends_at" TIMESTAMPTZ(3);
ALTER TABLE "vouchers" ADD COLUMN IF NOT EXISTS "mac" TEXT;
-- The ledger transaction that took a card out of the books when it was used on a hotspot, expired
-- or was revoked (a card redeemed for a customer has its payment instead).
ALTER TABLE "vouchers" ADD COLUMN IF NOT EXISTS "settled_transaction_id" UUID;
-- A redeemed card was redeemed for a customer, or by itself on a hotspot (never both).
ALTER TABLE "vouchers" DROP CONSTRAINT IF EXISTS "vouchers_redeemed_check";
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_redeemed_check" CHECK (
  ("state" = 'REDEEMED') = ("redeemed_at" IS NOT NULL AND (("customer_id" IS NOT NULL) <> ("first_used_at" IS NOT NULL))));
ALTER TABLE "vouchers" DROP CONSTRAINT IF EXISTS "vouchers_hotspot_check";
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_hotspot_check" CHECK (("first_used_at" IS NULL) = ("ends_at" IS NULL));
-- Cards used on a hotspot whose money the settle job has still to post.
CREATE INDEX IF NOT EXISTS "vouchers_unsettled_hotspot_idx" ON "vouchers" ("tenant_id", "batch_id")
  WHERE "state" = 'REDEEMED' AND "first_used_at" IS NOT NULL AND "settled_transaction_id" IS NULL;

-- Failed logins per device, for the hotspot code throttle below.
CREATE INDEX IF NOT EXISTS "radpostauth_rejects_by_device_idx" ON "radpostauth" ("tenant_id", "callingstationid", "authdate")
  WHERE "reply" = 'Access-Reject';

-- A package's validity as an interval.
CREATE OR REPLACE FUNCTION package_validity(p_value integer, p_unit "ValidityUnit") RETURNS interval
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$
  SELECT CASE p_unit
    WHEN 'HOUR' THEN make_interval(hours => p_value)
    WHEN 'DAY' THEN make_interval(days => p_value)
    WHEN 'WEEK' THEN make_interval(weeks => p_value)
    ELSE make_interval(months => p_value) END
$fn$;

-- The stored form of a code: HMAC-SHA256 under HMAC-SHA256(key, tenant id), of the code in capitals
-- without spaces or dashes (lib/vouchers/codes.ts codeHash computes the same).
CREATE OR REPLACE FUNCTION voucher_code_hash(p_tenant uuid, p_code text, p_key bytea) RETURNS bytea
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = public, pg_temp
AS $fn$
  SELECT hmac(convert_to(upper(regexp_replace(p_code, '[[:space:]-]+', '', 'g')), 'UTF8'),
              hmac(convert_to(p_tenant::text, 'UTF8'), p_key, 'sha256'), 'sha256')
$fn$;

-- Authorization for a code typed on a hotspot: nothing when it is no usable hotspot card (the
-- caller answers "not found"), a Reject with the reason when the card ran out or belongs to
-- another device, else the check and reply items like radius_authorize's.
CREATE OR REPLACE FUNCTION radius_voucher_authorize(p_tenant uuid, p_username text, p_key bytea, p_mac text)
  RETURNS TABLE (id bigint, username text, attribute text, value text, op varchar)
  LANGUAGE plpgsql VOLATILE
  SET search_path = public, pg_temp
AS $fn$
DECLARE
  v_hash bytea;
  v_mac text := upper(regexp_replace(coalesce(p_mac, ''), '[^0-9A-Fa-f]', '', 'g'));
  v_card record;
  v_used bigint;
  v_left bigint;
  v_limit int;
BEGIN
  IF p_key IS NULL OR length(p_username) NOT BETWEEN 6 AND 64 THEN RETURN; END IF;
  -- A device that typed 10 wrong usernames or codes in 15 minutes waits (per device, not per
  -- router: one guesser must not lock out a whole hotspot). Codes of 40 bits and more make
  -- guessing hopeless anyway; this keeps the log quiet and the database cool.
  IF p_mac <> '' AND (SELECT count(*) FROM radpostauth r
        WHERE r.tenant_id = p_tenant AND r.callingstationid = p_mac AND r.reply = 'Access-Reject'
          AND r.authdate > now() - interval '15 minutes') >= 10 THEN
    RETURN QUERY VALUES (1::bigint, p_username, 'Reply-Message'::text, 'Too many wrong codes: wait 15 minutes.'::text, ':='::varchar),
                        (2::bigint, p_username, 'Auth-Type'::text, 'Reject'::text, ':='::varchar);
    RETURN;
  END IF;
  v_hash := voucher_code_hash(p_tenant, p_username, p_key);
  IF v_mac !~ '^[0-9A-F]{12}$' THEN v_mac := NULL; END IF;

  -- First use: the card is redeemed now and its time starts. Of two first logins at once one
  -- updates; the other waits for it and then finds the card running.
  UPDATE vouchers v
     SET state = 'REDEEMED', redeemed_at = now(), first_used_at = now(),
         ends_at = now() + package_validity(p.validity_value, p.validity_unit),
         mac = CASE WHEN b.lock_mac THEN v_mac END
    FROM voucher_batches b, packages p
   WHERE v.tenant_id = p_tenant AND v.code_hash = v_hash AND v.state IN ('ISSUED', 'SOLD')
     AND b.tenant_id = v.tenant_id AND b.id = v.batch_id AND b.status = 'READY'
     AND (b.card_expires_at IS NULL OR b.card_expires_at > now())
     AND p.tenant_id = b.tenant_id AND p.id = b.package_id AND p.status = 'ACTIVE'
     AND 'HOTSPOT' = ANY (p.connection_types);

  SELECT v.ends_at, v.mac, v.first_used_at, p.id AS package_id, p.data_cap_bytes, p.data_cap_action
    INTO v_card
    FROM vouchers v JOIN voucher_batches b ON b.tenant_id = v.tenant_id AND b.id = v.batch_id
    JOIN packages p ON p.tenant_id = b.tenant_id AND p.id = b.package_id
   WHERE v.tenant_id = p_tenant AND v.code_hash = v_hash AND v.state = 'REDEEMED'
     AND v.first_used_at IS NOT NULL AND v.customer_id IS NULL;
  IF NOT FOUND THEN RETURN; END IF;

  IF v_card.ends_at <= now() THEN
    RETURN QUERY VALUES (1::bigint, p_username, 'Reply-Message'::text, 'This card has run out.'::text, ':='::varchar),
                        (2::bigint, p_username, 'Auth-Type'::text, 'Reject'::text, ':='::varchar);
    RETURN;
  END IF;
  IF v_card.mac IS NOT NULL AND v_card.mac IS DISTINCT FROM v_mac THEN
    RETURN QUERY VALUES (1::bigint, p_username, 'Reply-Message'::text, 'This card is in use on another device.'::text, ':='::varchar),
                        (2::bigint, p_username, 'Auth-Type'::text, 'Reject'::text, ':='::varchar);
    RETURN;
  END IF;
  SELECT gc.value::int INTO v_limit FROM radgroupcheck gc
   WHERE gc.tenant_id = p_tenant AND gc.groupname = 'pkg:' || v_card.package_id AND gc.attribute = 'Simultaneous-Use';
  IF v_limit IS NOT NULL AND (SELECT count(*) FROM radacct a WHERE a.tenant_id = p_tenant AND a.username = p_username AND a.acctstoptime IS NULL) >= v_limit THEN
    RETURN QUERY VALUES (1::bigint, p_username, 'Reply-Message'::text, 'This card is already online.'::text, ':='::varchar),
                        (2::bigint, p_username, 'Auth-Type'::text, 'Reject'::text, ':='::varchar);
    RETURN;
  END IF;
  IF v_card.data_cap_bytes IS NOT NULL AND v_card.data_cap_action = 'CUT_OFF' THEN
    SELECT coalesce(sum(a.acctinputoctets + a.acctoutputoctets), 0) INTO v_used FROM radacct a
     WHERE a.tenant_id = p_tenant AND a.username = p_username AND a.acctstarttime >= v_card.first_used_at - interval '1 minute';
    v_left := v_card.data_cap_bytes - v_used;
    IF v_left <= 0 THEN
      RETURN QUERY VALUES (1::bigint, p_username, 'Reply-Message'::text, 'This card''s data is used up.'::text, ':='::varchar),
                          (2::bigint, p_username, 'Auth-Type'::text, 'Reject'::text, ':='::varchar);
      RETURN;
    END IF;
  END IF;

  RETURN QUERY
    SELECT 1::bigint, p_username, 'Cleartext-Password'::text, p_username, ':='::varchar
    UNION ALL
    SELECT 2::bigint, p_username, 'Session-Timeout'::text,
           GREATEST(60, CEIL(EXTRACT(EPOCH FROM v_card.ends_at - now())))::bigint::text, ':='::varchar
    UNION ALL
    SELECT 3::bigint, p_username, 'Mikrotik-Total-Limit'::text, (v_left % 4294967296)::text, ':='::varchar WHERE v_left IS NOT NULL
    UNION ALL
    SELECT 4::bigint, p_username, 'Mikrotik-Total-Limit-Gigawords'::text, (v_left / 4294967296)::text, ':='::varchar WHERE v_left IS NOT NULL
    UNION ALL
    SELECT gr.id::bigint + 4000000000, p_username, gr.attribute, gr.value, gr.op
      FROM radgroupreply gr
     WHERE gr.tenant_id = p_tenant AND gr.groupname = 'pkg:' || v_card.package_id AND gr.op IN (':=', '=', '+=')
    ORDER BY 1;
END
$fn$;

-- FreeRADIUS's authorize: the customer with that username, else (given the voucher key) a
-- hotspot card with that code. STABLE like radius_authorize (the customer path reads only; as
-- VOLATILE it cost ~6 µs more per request, docs/benchmarks.md); the voucher function it calls on
-- a miss is VOLATILE and writes the card's first use with snapshots of its own.
CREATE OR REPLACE FUNCTION radius_nas_authorize(p_nas inet, p_username text, p_voucher_key text, p_mac text)
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
  IF FOUND OR p_voucher_key !~ '^[0-9a-f]{64}$' THEN RETURN; END IF;
  RETURN QUERY SELECT a.id, a.username, a.attribute, radius_literal(a.value), a.op
    FROM radius_voucher_authorize(v_tenant, p_username, decode(p_voucher_key, 'hex'), p_mac) a ORDER BY a.id;
END
$fn$;

-- The two-argument form: customers only.
CREATE OR REPLACE FUNCTION radius_nas_authorize(p_nas inet, p_username text)
  RETURNS TABLE (id bigint, username text, attribute text, value text, op varchar)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
AS $fn$ SELECT * FROM radius_nas_authorize(p_nas, p_username, '', NULL) $fn$;

ALTER FUNCTION radius_nas_authorize(inet, text, text, text) OWNER TO isp_system;
ALTER FUNCTION radius_voucher_authorize(uuid, text, bytea, text) OWNER TO isp_system;
REVOKE ALL ON FUNCTION radius_nas_authorize(inet, text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION radius_voucher_authorize(uuid, text, bytea, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION radius_nas_authorize(inet, text, text, text) TO isp_radius;
GRANT EXECUTE ON FUNCTION radius_voucher_authorize(uuid, text, bytea, text) TO isp_app, isp_system;
