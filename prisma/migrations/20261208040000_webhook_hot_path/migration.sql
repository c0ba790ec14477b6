-- The webhook route's hot path as two function calls (lib/payments/webhooks.ts), like the session
-- and customer-list reads: gateways retry and repeat, and most requests are repeats, so storing a
-- request and recognising a repeat of a settled payment must cost a statement each, not a Prisma
-- transaction each (docs/benchmarks.md, "Webhooks"). Both are SECURITY DEFINER, owned by
-- isp_system, callable by the app role, and touch only webhook_requests and gateway_payments.

-- Stores a request as received; the gateway (and its ISP) when the URL names one of that kind.
CREATE OR REPLACE FUNCTION webhook_store(p_kind text, p_gateway text, p_method text, p_path text, p_headers jsonb, p_body bytea, p_ip text)
  RETURNS TABLE (request_id bigint, tenant_id uuid, gateway_id uuid)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
  SET jit = off
AS $fn$
DECLARE
  v_tenant uuid;
  v_gateway uuid;
BEGIN
  IF p_gateway ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    SELECT g.tenant_id, g.id INTO v_tenant, v_gateway FROM payment_gateways g WHERE g.id = p_gateway::uuid AND g.kind::text = p_kind;
  END IF;
  RETURN QUERY
    INSERT INTO webhook_requests AS w (tenant_id, gateway_id, gateway_kind, method, path, headers, body, source_ip)
    VALUES (v_tenant, v_gateway, left(p_kind, 40), left(p_method, 10), left(p_path, 2000), p_headers, p_body, left(p_ip, 100))
    RETURNING w.id, w.tenant_id, w.gateway_id;
END
$fn$;

-- A callback whose every event concerns an attempt already past pending: a repeated success
-- (DUPLICATE) or a stale failure (IGNORED). Records the outcome on the request and returns it;
-- returns nothing when any event still needs settling.
CREATE OR REPLACE FUNCTION webhook_settled_already(p_request bigint, p_gateway uuid, p_refs text[], p_success boolean[], p_event_id text)
  RETURNS TABLE (outcome text, reason text, gateway_payment_id uuid)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
  SET jit = off
AS $fn$
DECLARE
  v_status text;
  v_id uuid;
  v_outcome text;
  v_reason text;
BEGIN
  IF coalesce(array_length(p_refs, 1), 0) = 0 THEN RETURN; END IF;
  FOR i IN 1 .. array_length(p_refs, 1) LOOP
    SELECT gp.status::text, gp.id INTO v_status, v_id FROM gateway_payments gp WHERE gp.gateway_id = p_gateway AND gp.gateway_ref = p_refs[i];
    IF v_status IS NULL OR v_status = 'PENDING' THEN RETURN; END IF;
    IF p_success[i] THEN
      IF v_status NOT IN ('SUCCEEDED', 'SUSPENSE') THEN RETURN; END IF;
      v_outcome := 'DUPLICATE';
      v_reason := CASE WHEN v_status = 'SUSPENSE' THEN 'Already received (in suspense).' ELSE 'Already credited.' END;
    ELSE
      v_outcome := 'IGNORED';
      v_reason := 'A late notice (failed, cancelled or expired) for a payment already ' || lower(v_status) || '.';
    END IF;
  END LOOP;
  UPDATE webhook_requests w
     SET outcome = v_outcome::"WebhookOutcome", reason = v_reason, event_id = coalesce(left(p_event_id, 200), w.event_id),
         gateway_payment_id = v_id, processed_at = now(), attempts = w.attempts + 1
   WHERE w.id = p_request AND w.gateway_id = p_gateway;
  RETURN QUERY SELECT v_outcome, v_reason, v_id;
END
$fn$;

ALTER FUNCTION webhook_store(text, text, text, text, jsonb, bytea, text) OWNER TO isp_system;
ALTER FUNCTION webhook_settled_already(bigint, uuid, text[], boolean[], text) OWNER TO isp_system;
REVOKE ALL ON FUNCTION webhook_store(text, text, text, text, jsonb, bytea, text), webhook_settled_already(bigint, uuid, text[], boolean[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION webhook_store(text, text, text, text, jsonb, bytea, text), webhook_settled_already(bigint, uuid, text[], boolean[], text) TO isp_app, isp_system;
