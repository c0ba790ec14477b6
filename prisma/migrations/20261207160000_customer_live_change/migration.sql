-- API-mode customers: a change the customer's live session must feel now (suspension, new
-- package, new password...). Set with the change, in its transaction; the router's reconcile ends
-- the customer's /ppp/active and /ip/hotspot/active entries after it has written the new secret,
-- then clears it. A router that does not answer leaves it set, so the retried run does it.
ALTER TABLE customer_router_sync ADD COLUMN IF NOT EXISTS live_change text;
-- When it was last asked for: a run clears only what was asked before it claimed its work.
ALTER TABLE customer_router_sync ADD COLUMN IF NOT EXISTS live_change_at timestamptz(3);
ALTER TABLE customer_router_sync DROP CONSTRAINT IF EXISTS customer_router_sync_live_change_check;
ALTER TABLE customer_router_sync ADD CONSTRAINT customer_router_sync_live_change_check CHECK (live_change IN ('coa', 'disconnect'));
CREATE INDEX IF NOT EXISTS customer_router_sync_live_change_idx ON customer_router_sync (router_id) WHERE live_change IS NOT NULL;
