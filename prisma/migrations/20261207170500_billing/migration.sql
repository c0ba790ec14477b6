-- Billing (docs/billing.md): settings per tenant, billing terms per customer, tax rates, gapless
-- document numbers, invoices with their lines, payments and their allocation to invoices.
--
-- What PostgreSQL guarantees here (not just the code):
--   * numbers: one row per tenant, series and period in document_counters, incremented under the
--     row lock in the issuing transaction (a rollback gives the number back: no gaps, no sequence);
--   * an issued invoice is immutable: only its status, paid amount and void fields move, along
--     the allowed transitions, and it is never deleted (a trigger, for every role); its lines
--     cannot change once it left draft;
--   * an invoice is never paid more than its total (CHECK), and each bill-run period of a
--     customer is invoiced once (unique index);
--   * payments and allocations are append-only: a reversal is a new row pointing at the original.

DO $$ BEGIN CREATE TYPE "CustomerBillingMode" AS ENUM ('PREPAID_VALIDITY', 'PREPAID_DAILY', 'MONTHLY_ADVANCE'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE TYPE "InvoiceKind" AS ENUM ('INVOICE', 'CREDIT_NOTE'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE TYPE "InvoiceStatus" AS ENUM ('DRAFT', 'ISSUED', 'PARTIALLY_PAID', 'PAID', 'VOID'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE TYPE "InvoiceSource" AS ENUM ('MANUAL', 'BILL_RUN', 'RENEWAL', 'ACTIVATION', 'PACKAGE_CHANGE', 'DAILY'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE TYPE "InvoiceLineKind" AS ENUM ('PERIOD', 'PRORATION', 'ONE_TIME', 'DISCOUNT', 'CREDIT', 'ROUNDING'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE TYPE "PaymentMethod" AS ENUM ('CASH', 'BANK_TRANSFER', 'MOBILE_MONEY', 'CARD', 'GATEWAY', 'OTHER'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE TYPE "PaymentStatus" AS ENUM ('RECEIVED', 'REVERSED'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- Packages: how they are billed by default (null: the tenant's default).
ALTER TABLE "packages" ADD COLUMN IF NOT EXISTS "billing_mode" "CustomerBillingMode";

CREATE TABLE IF NOT EXISTS "billing_settings" (
    "tenant_id" UUID NOT NULL,
    "default_mode" "CustomerBillingMode" NOT NULL DEFAULT 'PREPAID_VALIDITY',
    -- 1-28: invoices for everyone on that day of the month; NULL: on each customer's anniversary.
    "billing_day" SMALLINT,
    "due_days" SMALLINT NOT NULL DEFAULT 7,
    "grace_days" SMALLINT NOT NULL DEFAULT 3,
    "auto_lock" BOOLEAN NOT NULL DEFAULT true,
    -- Deactivate (status DISABLED) after this many days locked; NULL: never.
    "deactivate_after_days" SMALLINT,
    "invoice_pattern" TEXT NOT NULL DEFAULT 'INV-{YYYY}-{seq:5}',
    "credit_note_pattern" TEXT NOT NULL DEFAULT 'CN-{YYYY}-{seq:5}',
    "receipt_pattern" TEXT NOT NULL DEFAULT 'RCT-{YYYY}-{seq:6}',
    -- Prices typed by the operator include tax (true) or exclude it.
    "prices_include_tax" BOOLEAN NOT NULL DEFAULT true,
    "default_tax_rate_id" UUID,
    -- Cash rounding of document totals (e.g. 100 = whole shillings); 1 = none.
    "cash_rounding_minor" BIGINT NOT NULL DEFAULT 1,
    -- Package change: the old package's unused days become customer credit (CREDIT) or a refund due (REFUND).
    "change_credit_policy" TEXT NOT NULL DEFAULT 'CREDIT',
    -- Upgrades take effect now (NOW) or at the next period (NEXT_PERIOD); downgrades always at the period end.
    "upgrade_timing" TEXT NOT NULL DEFAULT 'NOW',
    "legal_name" TEXT,
    "legal_address" TEXT,
    "tax_id" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "invoice_footer" TEXT,
    "logo" BYTEA,
    "logo_mime" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "billing_settings_pkey" PRIMARY KEY ("tenant_id"),
    CONSTRAINT "billing_settings_day_check" CHECK ("billing_day" IS NULL OR "billing_day" BETWEEN 1 AND 28),
    CONSTRAINT "billing_settings_days_check" CHECK ("due_days" BETWEEN 0 AND 365 AND "grace_days" BETWEEN 0 AND 365 AND ("deactivate_after_days" IS NULL OR "deactivate_after_days" BETWEEN 1 AND 3650)),
    CONSTRAINT "billing_settings_rounding_check" CHECK ("cash_rounding_minor" BETWEEN 1 AND 100000),
    CONSTRAINT "billing_settings_policy_check" CHECK ("change_credit_policy" IN ('CREDIT', 'REFUND') AND "upgrade_timing" IN ('NOW', 'NEXT_PERIOD')),
    CONSTRAINT "billing_settings_logo_check" CHECK ("logo" IS NULL OR (octet_length("logo") <= 524288 AND "logo_mime" IN ('image/png', 'image/jpeg')))
);

CREATE TABLE IF NOT EXISTS "tax_rates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    -- Basis points: 1600 = 16 %.
    "rate_bp" INTEGER NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tax_rates_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tax_rates_rate_check" CHECK ("rate_bp" BETWEEN 0 AND 10000)
);
CREATE UNIQUE INDEX IF NOT EXISTS "tax_rates_tenant_id_name_key" ON "tax_rates" ("tenant_id", "name");

-- A customer's billing terms; no row = the package's and tenant's defaults.
CREATE TABLE IF NOT EXISTS "customer_billing" (
    "customer_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "mode" "CustomerBillingMode",
    -- 1-28, or NULL for the tenant's day (or the anniversary when the tenant has none).
    "billing_day" SMALLINT,
    -- A special price for this customer (minor units), instead of the package's.
    "price_minor" BIGINT,
    -- Served without charge: set only by operators allowed to grant it, audited.
    "complimentary" BOOLEAN NOT NULL DEFAULT false,
    -- The monthly period billed last ([start, end)), and the anchor of anniversaries.
    "period_start" TIMESTAMPTZ(3),
    "period_end" TIMESTAMPTZ(3),
    "anchor_at" TIMESTAMPTZ(3),
    -- A package change waiting for the period end (downgrades).
    "next_package_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "customer_billing_pkey" PRIMARY KEY ("customer_id"),
    CONSTRAINT "customer_billing_day_check" CHECK ("billing_day" IS NULL OR "billing_day" BETWEEN 1 AND 28),
    CONSTRAINT "customer_billing_price_check" CHECK ("price_minor" IS NULL OR "price_minor" >= 0)
);
CREATE INDEX IF NOT EXISTS "customer_billing_tenant_id_period_end_idx" ON "customer_billing" ("tenant_id", "period_end");

-- Gapless numbers: one counter per tenant, series (INV, CN, RCT) and period ("2027" when the
-- pattern has {YYYY}, "" otherwise).
CREATE TABLE IF NOT EXISTS "document_counters" (
    "tenant_id" UUID NOT NULL,
    "series" TEXT NOT NULL,
    "period" TEXT NOT NULL DEFAULT '',
    "last_value" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "document_counters_pkey" PRIMARY KEY ("tenant_id", "series", "period"),
    CONSTRAINT "document_counters_value_check" CHECK ("last_value" >= 0)
);

CREATE TABLE IF NOT EXISTS "invoices" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "kind" "InvoiceKind" NOT NULL DEFAULT 'INVOICE',
    "status" "InvoiceStatus" NOT NULL DEFAULT 'DRAFT',
    "source" "InvoiceSource" NOT NULL DEFAULT 'MANUAL',
    -- Assigned at issue.
    "number" TEXT,
    "currency" CHAR(3) NOT NULL,
    "issued_at" TIMESTAMPTZ(3),
    "due_at" TIMESTAMPTZ(3),
    "period_start" TIMESTAMPTZ(3),
    "period_end" TIMESTAMPTZ(3),
    -- The bill-run period ("2027-02-01"): one invoice per customer and period.
    "period_key" TEXT,
    "package_id" UUID,
    "subtotal_minor" BIGINT NOT NULL DEFAULT 0,
    "discount_minor" BIGINT NOT NULL DEFAULT 0,
    "tax_minor" BIGINT NOT NULL DEFAULT 0,
    "rounding_minor" BIGINT NOT NULL DEFAULT 0,
    "total_minor" BIGINT NOT NULL DEFAULT 0,
    "paid_minor" BIGINT NOT NULL DEFAULT 0,
    -- A credit note: the invoice it corrects.
    "credited_invoice_id" UUID,
    -- The business event that made it ("renewal:<payment key>"): retried callers find it.
    "idempotency_key" TEXT,
    "issue_transaction_id" UUID,
    "void_transaction_id" UUID,
    "voided_at" TIMESTAMPTZ(3),
    "void_reason" TEXT,
    "notes" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "invoices_paid_check" CHECK ("paid_minor" >= 0 AND ("kind" = 'CREDIT_NOTE' OR "paid_minor" <= greatest("total_minor", 0))),
    CONSTRAINT "invoices_issued_check" CHECK ("status" = 'DRAFT' OR ("number" IS NOT NULL AND "issued_at" IS NOT NULL)),
    CONSTRAINT "invoices_credit_note_check" CHECK (("kind" = 'CREDIT_NOTE') = ("credited_invoice_id" IS NOT NULL))
);
CREATE UNIQUE INDEX IF NOT EXISTS "invoices_tenant_id_number_key" ON "invoices" ("tenant_id", "number") WHERE "number" IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS "invoices_tenant_id_idempotency_key_key" ON "invoices" ("tenant_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS "invoices_period_key" ON "invoices" ("tenant_id", "customer_id", "period_key") WHERE "period_key" IS NOT NULL AND "kind" = 'INVOICE' AND "status" <> 'VOID';
CREATE INDEX IF NOT EXISTS "invoices_tenant_id_customer_id_issued_at_idx" ON "invoices" ("tenant_id", "customer_id", "issued_at");
CREATE INDEX IF NOT EXISTS "invoices_tenant_id_status_due_at_idx" ON "invoices" ("tenant_id", "status", "due_at");
CREATE INDEX IF NOT EXISTS "invoices_tenant_id_issued_at_idx" ON "invoices" ("tenant_id", "issued_at");

CREATE TABLE IF NOT EXISTS "invoice_lines" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "InvoiceLineKind" NOT NULL,
    "description" TEXT NOT NULL,
    -- Thousandths: 1000 = 1.
    "quantity_milli" BIGINT NOT NULL DEFAULT 1000,
    "unit_price_minor" BIGINT NOT NULL,
    "discount_minor" BIGINT NOT NULL DEFAULT 0,
    "net_minor" BIGINT NOT NULL,
    "tax_rate_bp" INTEGER NOT NULL DEFAULT 0,
    "tax_minor" BIGINT NOT NULL DEFAULT 0,
    "total_minor" BIGINT NOT NULL,
    "package_id" UUID,
    "period_start" TIMESTAMPTZ(3),
    "period_end" TIMESTAMPTZ(3),
    CONSTRAINT "invoice_lines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "invoice_lines_sum_check" CHECK ("net_minor" + "tax_minor" = "total_minor"),
    CONSTRAINT "invoice_lines_description_check" CHECK (length("description") BETWEEN 1 AND 500)
);
CREATE UNIQUE INDEX IF NOT EXISTS "invoice_lines_invoice_id_position_key" ON "invoice_lines" ("invoice_id", "position");

CREATE TABLE IF NOT EXISTS "payments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'RECEIVED',
    "amount_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    -- Bank reference, M-Pesa receipt, cheque number.
    "reference" TEXT,
    "receipt_number" TEXT NOT NULL,
    -- The operator who took the cash (or recorded the transfer).
    "collected_by_id" UUID,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "transaction_id" UUID NOT NULL,
    "notes" TEXT,
    "reversed_at" TIMESTAMPTZ(3),
    "reversed_by_id" UUID,
    "reversal_reason" TEXT,
    "reversal_transaction_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payments_amount_check" CHECK ("amount_minor" > 0),
    CONSTRAINT "payments_reversal_check" CHECK (("status" = 'REVERSED') = ("reversed_at" IS NOT NULL AND "reversal_transaction_id" IS NOT NULL))
);
CREATE UNIQUE INDEX IF NOT EXISTS "payments_tenant_id_idempotency_key_key" ON "payments" ("tenant_id", "idempotency_key");
CREATE UNIQUE INDEX IF NOT EXISTS "payments_tenant_id_receipt_number_key" ON "payments" ("tenant_id", "receipt_number");
CREATE INDEX IF NOT EXISTS "payments_tenant_id_customer_id_received_at_idx" ON "payments" ("tenant_id", "customer_id", "received_at");
CREATE INDEX IF NOT EXISTS "payments_tenant_id_received_at_idx" ON "payments" ("tenant_id", "received_at");
CREATE INDEX IF NOT EXISTS "payments_tenant_id_collected_by_id_received_at_idx" ON "payments" ("tenant_id", "collected_by_id", "received_at");

-- Money moved from a customer's credit onto an invoice (positive) or back (negative, when a
-- payment is reversed or an invoice voided). An invoice's paid_minor is the sum of its rows.
CREATE TABLE IF NOT EXISTS "payment_allocations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    -- The payment whose money this is, when known (credit from an older overpayment: NULL).
    "payment_id" UUID,
    "amount_minor" BIGINT NOT NULL,
    "transaction_id" UUID NOT NULL,
    "reverses_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payment_allocations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payment_allocations_amount_check" CHECK ("amount_minor" <> 0)
);
CREATE INDEX IF NOT EXISTS "payment_allocations_invoice_id_idx" ON "payment_allocations" ("invoice_id");
CREATE INDEX IF NOT EXISTS "payment_allocations_payment_id_idx" ON "payment_allocations" ("payment_id") WHERE "payment_id" IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS "payment_allocations_reverses_id_key" ON "payment_allocations" ("reverses_id") WHERE "reverses_id" IS NOT NULL;

-- Foreign keys.
DO $$
DECLARE fk text[];
BEGIN
  FOREACH fk SLICE 1 IN ARRAY ARRAY[
    ARRAY['billing_settings', 'tenant_id', 'tenants', 'CASCADE'],
    ARRAY['billing_settings', 'default_tax_rate_id', 'tax_rates', 'SET NULL'],
    ARRAY['tax_rates', 'tenant_id', 'tenants', 'CASCADE'],
    ARRAY['customer_billing', 'customer_id', 'customers', 'CASCADE'],
    ARRAY['customer_billing', 'tenant_id', 'tenants', 'CASCADE'],
    ARRAY['customer_billing', 'next_package_id', 'packages', 'RESTRICT'],
    ARRAY['document_counters', 'tenant_id', 'tenants', 'CASCADE'],
    ARRAY['invoices', 'tenant_id', 'tenants', 'CASCADE'],
    ARRAY['invoices', 'customer_id', 'customers', 'RESTRICT'],
    ARRAY['invoices', 'package_id', 'packages', 'RESTRICT'],
    ARRAY['invoices', 'credited_invoice_id', 'invoices', 'RESTRICT'],
    ARRAY['invoices', 'created_by_id', 'operators', 'SET NULL'],
    ARRAY['invoices', 'issue_transaction_id', 'ledger_transactions', 'RESTRICT'],
    ARRAY['invoices', 'void_transaction_id', 'ledger_transactions', 'RESTRICT'],
    ARRAY['invoice_lines', 'invoice_id', 'invoices', 'RESTRICT'],
    ARRAY['invoice_lines', 'tenant_id', 'tenants', 'CASCADE'],
    ARRAY['invoice_lines', 'package_id', 'packages', 'RESTRICT'],
    ARRAY['payments', 'tenant_id', 'tenants', 'CASCADE'],
    ARRAY['payments', 'customer_id', 'customers', 'RESTRICT'],
    ARRAY['payments', 'collected_by_id', 'operators', 'RESTRICT'],
    ARRAY['payments', 'reversed_by_id', 'operators', 'RESTRICT'],
    ARRAY['payments', 'transaction_id', 'ledger_transactions', 'RESTRICT'],
    ARRAY['payments', 'reversal_transaction_id', 'ledger_transactions', 'RESTRICT'],
    ARRAY['payment_allocations', 'tenant_id', 'tenants', 'CASCADE'],
    ARRAY['payment_allocations', 'invoice_id', 'invoices', 'RESTRICT'],
    ARRAY['payment_allocations', 'customer_id', 'customers', 'RESTRICT'],
    ARRAY['payment_allocations', 'payment_id', 'payments', 'RESTRICT'],
    ARRAY['payment_allocations', 'transaction_id', 'ledger_transactions', 'RESTRICT'],
    ARRAY['payment_allocations', 'reverses_id', 'payment_allocations', 'RESTRICT']
  ] LOOP
    BEGIN
      EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (%I) REFERENCES %I(%I) ON DELETE %s',
        fk[1], fk[1] || '_' || fk[2] || '_fkey', fk[2], fk[3], 'id', fk[4]);
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;
  END LOOP;
END
$$;

-- Row-level security everywhere.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['billing_settings', 'tax_rates', 'customer_billing', 'document_counters', 'invoices', 'invoice_lines', 'payments', 'payment_allocations'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END
$$;

-- Issued invoices: immutable content, forward-only status, never deleted.
CREATE OR REPLACE FUNCTION invoices_guard() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public
  AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'DRAFT' THEN
      RAISE EXCEPTION 'invoice %: an issued invoice is never deleted (void it or issue a credit note)', OLD.number USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'DRAFT' THEN
    RETURN NEW;
  END IF;
  IF (NEW.tenant_id, NEW.customer_id, NEW.kind, NEW.source, NEW.number, NEW.currency, NEW.issued_at, NEW.due_at, NEW.period_start, NEW.period_end,
      NEW.period_key, NEW.package_id, NEW.subtotal_minor, NEW.discount_minor, NEW.tax_minor, NEW.rounding_minor, NEW.total_minor,
      NEW.credited_invoice_id, NEW.idempotency_key, NEW.issue_transaction_id, NEW.created_by_id, NEW.created_at)
     IS DISTINCT FROM
     (OLD.tenant_id, OLD.customer_id, OLD.kind, OLD.source, OLD.number, OLD.currency, OLD.issued_at, OLD.due_at, OLD.period_start, OLD.period_end,
      OLD.period_key, OLD.package_id, OLD.subtotal_minor, OLD.discount_minor, OLD.tax_minor, OLD.rounding_minor, OLD.total_minor,
      OLD.credited_invoice_id, OLD.idempotency_key, OLD.issue_transaction_id, OLD.created_by_id, OLD.created_at) THEN
    RAISE EXCEPTION 'invoice %: an issued invoice cannot be changed (issue a credit note)', OLD.number USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'VOID' AND NEW.status <> 'VOID' THEN
    RAISE EXCEPTION 'invoice %: a void invoice stays void', OLD.number USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status = 'DRAFT' THEN
    RAISE EXCEPTION 'invoice %: an issued invoice cannot go back to draft', OLD.number USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status <> 'VOID' AND (NEW.voided_at, NEW.void_reason, NEW.void_transaction_id) IS DISTINCT FROM (OLD.voided_at, OLD.void_reason, OLD.void_transaction_id) AND NEW.status <> 'VOID' THEN
    RAISE EXCEPTION 'invoice %: void fields move only when it is voided', OLD.number USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'VOID' AND (NEW.voided_at, NEW.void_reason, NEW.void_transaction_id, NEW.paid_minor) IS DISTINCT FROM (OLD.voided_at, OLD.void_reason, OLD.void_transaction_id, OLD.paid_minor) THEN
    RAISE EXCEPTION 'invoice %: a void invoice cannot be changed', OLD.number USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$fn$;
DROP TRIGGER IF EXISTS invoices_guard ON "invoices";
CREATE TRIGGER invoices_guard BEFORE UPDATE OR DELETE ON "invoices" FOR EACH ROW EXECUTE FUNCTION invoices_guard();

CREATE OR REPLACE FUNCTION invoice_lines_guard() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public
  AS $fn$
DECLARE
  v_status "InvoiceStatus";
BEGIN
  SELECT i.status INTO v_status FROM public.invoices i WHERE i.id = coalesce(NEW.invoice_id, OLD.invoice_id);
  IF v_status IS DISTINCT FROM 'DRAFT' THEN
    RAISE EXCEPTION 'invoice lines cannot change once the invoice is issued' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.invoice_id <> OLD.invoice_id THEN
    RAISE EXCEPTION 'invoice lines do not move between invoices' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$fn$;
DROP TRIGGER IF EXISTS invoice_lines_guard ON "invoice_lines";
CREATE TRIGGER invoice_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON "invoice_lines" FOR EACH ROW EXECUTE FUNCTION invoice_lines_guard();
REVOKE TRUNCATE ON TABLE "invoices", "invoice_lines" FROM PUBLIC, isp_app, isp_system;

-- Payments: append-only except the reversal fields, set once.
CREATE OR REPLACE FUNCTION payments_guard() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public
  AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'payment %: payments are never deleted (reverse it)', OLD.receipt_number USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'REVERSED'
     OR (NEW.tenant_id, NEW.customer_id, NEW.method, NEW.amount_minor, NEW.currency, NEW.reference, NEW.receipt_number, NEW.collected_by_id,
         NEW.received_at, NEW.idempotency_key, NEW.transaction_id, NEW.notes, NEW.created_at)
        IS DISTINCT FROM
        (OLD.tenant_id, OLD.customer_id, OLD.method, OLD.amount_minor, OLD.currency, OLD.reference, OLD.receipt_number, OLD.collected_by_id,
         OLD.received_at, OLD.idempotency_key, OLD.transaction_id, OLD.notes, OLD.created_at) THEN
    RAISE EXCEPTION 'payment %: a payment cannot be changed (reverse it)', OLD.receipt_number USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$fn$;
DROP TRIGGER IF EXISTS payments_guard ON "payments";
CREATE TRIGGER payments_guard BEFORE UPDATE OR DELETE ON "payments" FOR EACH ROW EXECUTE FUNCTION payments_guard();
REVOKE DELETE, TRUNCATE ON TABLE "payments" FROM PUBLIC, isp_app, isp_system;

SELECT make_append_only('payment_allocations');

-- Every tenant has settings (defaults) from the start.
INSERT INTO "billing_settings" ("tenant_id") SELECT id FROM tenants ON CONFLICT DO NOTHING;
CREATE OR REPLACE FUNCTION tenants_open_billing() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public
  AS $fn$
BEGIN
  INSERT INTO public.billing_settings (tenant_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$fn$;
DROP TRIGGER IF EXISTS tenants_open_billing ON "tenants";
CREATE TRIGGER tenants_open_billing AFTER INSERT ON "tenants" FOR EACH ROW EXECUTE FUNCTION tenants_open_billing();
