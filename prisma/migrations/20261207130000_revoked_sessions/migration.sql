-- Signing out ends the session on the server: the session JWT carries a random session id
-- (`sid`), and signing out records it here until the cookie would have expired. The per-request
-- re-read of the signed-in operator or customer (lib/next/actor.ts) checks this table in the same
-- statement, so a copied or kept cookie stops working at sign-out, while the user's other
-- sessions (other devices) keep theirs. No tenant column and no RLS: a random id says nothing.
CREATE TABLE IF NOT EXISTS "revoked_sessions" (
    "sid" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "revoked_sessions_pkey" PRIMARY KEY ("sid")
);

CREATE INDEX IF NOT EXISTS "revoked_sessions_expires_at_idx" ON "revoked_sessions"("expires_at");

GRANT SELECT, INSERT, UPDATE, DELETE ON "revoked_sessions" TO isp_app, isp_system;
