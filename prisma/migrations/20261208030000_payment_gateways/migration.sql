-- Online payments, issue "Customers pay online" (docs/payments.md).
--
-- payment_gateways: an ISP's gateway accounts (M-Pesa Daraja, Stripe, PayPal, bKash, PayMongo, a
-- generic HMAC webhook), sandbox or live, their secrets sealed (AES-256-GCM under
-- APP_ENCRYPTION_KEY, like router secrets), with a random token that callback URLs carry.
-- gateway_payments: every payment started or announced at a gateway, pending until a verified
-- callback or a status query settles it; it becomes at most one of our payments (unique on the
-- gateway's transaction id, and the payment's idempotency key is built from it).
-- webhook_requests: every request to /api/webhooks/..., stored as received (method, path, headers,
-- raw body) before anything else is done with it, then marked with what became of it.
DO $$ BEGIN
  CREATE TYPE "GatewayKind" AS ENUM ('MPESA', 'STRIPE', 'PAYPAL', 'BKASH', 'PAYMONGO', 'GENERIC');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE "GatewayMode" AS ENUM ('SANDBOX', 'LIVE');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE "GatewayPaymentStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED', 'SUSPENSE');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE "GatewayPaymentPurpose" AS ENUM ('BALANCE', 'RENEWAL', 'ANNOUNCED', 'TEST');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE "WebhookOutcome" AS ENUM ('RECEIVED', 'ACCEPTED', 'DUPLICATE', 'IGNORED', 'REJECTED', 'FAILED');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE IF NOT EXISTS "payment_gateways" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "tenant_id" UUID NOT NULL,
  "kind" "GatewayKind" NOT NULL,
  "name" TEXT NOT NULL,
  "mode" "GatewayMode" NOT NULL DEFAULT 'SANDBOX',
  "enabled" BOOLEAN NOT NULL DEFAULT true,
  -- What is not secret: shortcode, base URL, currency, payment methods (shown on the settings page).
  "settings" JSONB NOT NULL DEFAULT '{}',
  -- The secrets as one sealed JSON object; never sent to a browser.
  "secrets_sealed" TEXT NOT NULL,
  -- Carried by callback URLs (M-Pesa signs nothing: the token is what says the request is ours).
  "path_token" TEXT NOT NULL,
  "last_test_at" TIMESTAMPTZ(3),
  "last_test_ok" BOOLEAN,
  "last_test_message" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "payment_gateways_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "payment_gateways_name_check" CHECK (length("name") BETWEEN 1 AND 80),
  CONSTRAINT "payment_gateways_token_check" CHECK (length("path_token") >= 32)
);
CREATE UNIQUE INDEX IF NOT EXISTS "payment_gateways_tenant_id_id_key" ON "payment_gateways" ("tenant_id", "id");
CREATE UNIQUE INDEX IF NOT EXISTS "payment_gateways_tenant_id_name_key" ON "payment_gateways" ("tenant_id", "name");
ALTER TABLE "payment_gateways" DROP CONSTRAINT IF EXISTS "payment_gateways_tenant_id_fkey";
ALTER TABLE "payment_gateways" ADD CONSTRAINT "payment_gateways_tenant_id_fkey"
  FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE IF NOT EXISTS "gateway_payments" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "tenant_id" UUID NOT NULL,
  "gateway_id" UUID NOT NULL,
  -- Null only for money announced for an account we do not know (SUSPENSE) until allocated.
  "customer_id" UUID,
  "purpose" "GatewayPaymentPurpose" NOT NULL,
  "amount_minor" BIGINT NOT NULL,
  "currency" CHAR(3) NOT NULL,
  "status" "GatewayPaymentStatus" NOT NULL DEFAULT 'PENDING',
  -- The gateway's handle for the attempt (M-Pesa CheckoutRequestID, Stripe session, PayPal order,
  -- bKash paymentID) and its id for the money that moved (M-Pesa receipt, capture id, trxID).
  "gateway_ref" TEXT,
  "gateway_txn_id" TEXT,
  "phone" TEXT,
  "account_ref" TEXT,
  "redirect_url" TEXT,
  "payment_id" UUID,
  "failure_code" TEXT,
  "failure_reason" TEXT,
  "checks" INTEGER NOT NULL DEFAULT 0,
  "next_check_at" TIMESTAMPTZ(3),
  "expires_at" TIMESTAMPTZ(3),
  "settled_at" TIMESTAMPTZ(3),
  "started_by_operator_id" UUID,
  "started_by_customer" BOOLEAN NOT NULL DEFAULT false,
  "idempotency_key" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "gateway_payments_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "gateway_payments_amount_check" CHECK ("amount_minor" > 0),
  -- A settled payment for a customer is one of our payments; suspense money (an unknown account,
  -- a test payment) is nobody's until an operator allocates it.
  CONSTRAINT "gateway_payments_settled_check" CHECK (
    ("status" = 'SUCCEEDED') = ("payment_id" IS NOT NULL AND "customer_id" IS NOT NULL AND "settled_at" IS NOT NULL)),
  CONSTRAINT "gateway_payments_owner_check" CHECK ("customer_id" IS NOT NULL OR "status" = 'SUSPENSE' OR "purpose" = 'TEST'),
  CONSTRAINT "gateway_payments_suspense_check" CHECK ("status" <> 'SUSPENSE' OR ("customer_id" IS NULL AND "settled_at" IS NOT NULL))
);
CREATE UNIQUE INDEX IF NOT EXISTS "gateway_payments_tenant_id_idempotency_key_key" ON "gateway_payments" ("tenant_id", "idempotency_key");
CREATE UNIQUE INDEX IF NOT EXISTS "gateway_payments_gateway_ref_key" ON "gateway_payments" ("gateway_id", "gateway_ref");
CREATE UNIQUE INDEX IF NOT EXISTS "gateway_payments_gateway_txn_key" ON "gateway_payments" ("gateway_id", "gateway_txn_id");
CREATE UNIQUE INDEX IF NOT EXISTS "gateway_payments_payment_id_key" ON "gateway_payments" ("payment_id");
CREATE INDEX IF NOT EXISTS "gateway_payments_tenant_id_created_at_idx" ON "gateway_payments" ("tenant_id", "created_at" DESC);
CREATE INDEX IF NOT EXISTS "gateway_payments_tenant_id_customer_id_idx" ON "gateway_payments" ("tenant_id", "customer_id", "created_at" DESC);
-- The reconcile job's work list.
CREATE INDEX IF NOT EXISTS "gateway_payments_pending_idx" ON "gateway_payments" ("next_check_at") WHERE "status" = 'PENDING';
ALTER TABLE "gateway_payments" DROP CONSTRAINT IF EXISTS "gateway_payments_gateway_fkey";
ALTER TABLE "gateway_payments" ADD CONSTRAINT "gateway_payments_gateway_fkey"
  FOREIGN KEY ("tenant_id", "gateway_id") REFERENCES "payment_gateways" ("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "gateway_payments" DROP CONSTRAINT IF EXISTS "gateway_payments_customer_fkey";
ALTER TABLE "gateway_payments" ADD CONSTRAINT "gateway_payments_customer_fkey"
  FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE IF NOT EXISTS "webhook_requests" (
  "id" BIGSERIAL NOT NULL,
  -- Null when the URL names no gateway of ours: kept for the platform's eyes only.
  "tenant_id" UUID,
  "gateway_id" UUID,
  "gateway_kind" TEXT NOT NULL,
  "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "method" TEXT NOT NULL,
  "path" TEXT NOT NULL,
  "headers" JSONB NOT NULL,
  "body" BYTEA NOT NULL,
  "source_ip" TEXT,
  "outcome" "WebhookOutcome" NOT NULL DEFAULT 'RECEIVED',
  "reason" TEXT,
  "event_id" TEXT,
  "gateway_payment_id" UUID,
  "processed_at" TIMESTAMPTZ(3),
  "attempts" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "webhook_requests_pkey" PRIMARY KEY ("id")
);
CREATE INDEX IF NOT EXISTS "webhook_requests_tenant_id_received_at_idx" ON "webhook_requests" ("tenant_id", "received_at" DESC);
CREATE INDEX IF NOT EXISTS "webhook_requests_gateway_event_idx" ON "webhook_requests" ("gateway_id", "event_id");
-- Requests whose processing failed, for the retrying job.
CREATE INDEX IF NOT EXISTS "webhook_requests_failed_idx" ON "webhook_requests" ("received_at") WHERE "outcome" IN ('RECEIVED', 'FAILED');

-- What arrived is evidence: the request itself never changes.
CREATE OR REPLACE FUNCTION webhook_requests_keep_raw() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.body IS DISTINCT FROM OLD.body OR NEW.headers IS DISTINCT FROM OLD.headers OR NEW.path IS DISTINCT FROM OLD.path
     OR NEW.method IS DISTINCT FROM OLD.method OR NEW.received_at IS DISTINCT FROM OLD.received_at OR NEW.source_ip IS DISTINCT FROM OLD.source_ip THEN
    RAISE EXCEPTION 'webhook_requests: a stored request cannot be rewritten' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$fn$;
DROP TRIGGER IF EXISTS webhook_requests_keep_raw ON "webhook_requests";
CREATE TRIGGER webhook_requests_keep_raw BEFORE UPDATE ON "webhook_requests" FOR EACH ROW EXECUTE FUNCTION webhook_requests_keep_raw();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['payment_gateways', 'gateway_payments', 'webhook_requests'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant())', t);
  END LOOP;
END
$$;
