-- The ledger (docs/ledger.md): double entry, kept balanced and append-only by PostgreSQL itself.
--
-- Walls, each enforced here rather than trusted to application code:
--   1. Balance: every transaction's entries sum to 0 per currency, checked at COMMIT by a deferred
--      constraint trigger on ledger_entries. A bug cannot write an unbalanced book.
--   2. One door: the application roles (isp_app, isp_system) may only SELECT the ledger tables.
--      Entries, transactions and balances are written by the ledger_* functions below, SECURITY
--      DEFINER owned by isp_ledger (NOLOGIN, no BYPASSRLS: row-level security still confines them
--      to the transaction's tenant).
--   3. Append-only: make_append_only() on transactions and entries (no UPDATE/DELETE/TRUNCATE for
--      any application role, and a trigger for everyone else). Mistakes are reversed, not edited.
--   4. Idempotency: (tenant, idempotency_key) is unique; posting a key again returns the existing
--      transaction when its legs are the same and fails when they differ.
--   5. Balances: each account caches its posted balance (debits minus credits), its pending
--      debits and credits, and a version, updated by the posting function under row locks taken
--      in account-id order. An account marked no_overdraft cannot go below zero on its normal
--      side (a CHECK constraint: the posting that would cross zero fails).
--   6. Two-phase: a pending transaction holds amounts (pending columns); a later transaction posts
--      or voids it, and a unique index on pending_id makes that happen exactly once. Reversals
--      point at what they reverse, unique too: a transaction is reversed at most once.

DO $$ BEGIN
  CREATE TYPE "LedgerAccountType" AS ENUM ('ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE "LedgerTransactionKind" AS ENUM ('POSTED', 'PENDING', 'POST_PENDING', 'VOID_PENDING', 'REVERSAL');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- The role that owns the posting functions. NOLOGIN: nobody connects as it.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'isp_ledger') THEN
    CREATE ROLE isp_ledger NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO isp_ledger;

CREATE TABLE IF NOT EXISTS "ledger_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    -- Stable name in the chart: "cash", "revenue", "customer_receivable:<customer id>", "cash:<operator id>".
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "LedgerAccountType" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "customer_id" UUID,
    "operator_id" UUID,
    "no_overdraft" BOOLEAN NOT NULL DEFAULT false,
    -- Posted debits minus posted credits, in minor units.
    "balance_minor" BIGINT NOT NULL DEFAULT 0,
    -- Amounts held by pending transactions, both >= 0.
    "pending_debits_minor" BIGINT NOT NULL DEFAULT 0,
    "pending_credits_minor" BIGINT NOT NULL DEFAULT 0,
    -- Bumped by every posting that touches the account.
    "version" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ledger_accounts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ledger_accounts_code_check" CHECK (length("code") BETWEEN 1 AND 120),
    CONSTRAINT "ledger_accounts_pending_check" CHECK ("pending_debits_minor" >= 0 AND "pending_credits_minor" >= 0),
    -- No overdraft: the balance available on the account's normal side, pending holds included,
    -- never below zero. Debit-normal accounts (assets, expenses) count pending credits against
    -- it; credit-normal ones (liabilities, equity, revenue) pending debits.
    CONSTRAINT "ledger_accounts_no_overdraft_check" CHECK (
      NOT "no_overdraft"
      OR ("type" IN ('ASSET', 'EXPENSE') AND "balance_minor" - "pending_credits_minor" >= 0)
      OR ("type" IN ('LIABILITY', 'EQUITY', 'REVENUE') AND "balance_minor" + "pending_debits_minor" <= 0)
    )
);
CREATE UNIQUE INDEX IF NOT EXISTS "ledger_accounts_tenant_id_code_currency_key" ON "ledger_accounts" ("tenant_id", "code", "currency");
CREATE INDEX IF NOT EXISTS "ledger_accounts_tenant_id_customer_id_idx" ON "ledger_accounts" ("tenant_id", "customer_id") WHERE "customer_id" IS NOT NULL;
CREATE INDEX IF NOT EXISTS "ledger_accounts_tenant_id_operator_id_idx" ON "ledger_accounts" ("tenant_id", "operator_id") WHERE "operator_id" IS NOT NULL;
DO $$ BEGIN
  ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operators"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE IF NOT EXISTS "ledger_transactions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    -- Derived from the business event: "invoice:<id>:issue", "payment:<id>", "renewal:<customer>:<period>".
    "idempotency_key" TEXT NOT NULL,
    "kind" "LedgerTransactionKind" NOT NULL DEFAULT 'POSTED',
    -- What happened, for people and reports: "invoice.issue", "payment.cash", "renewal".
    "event" TEXT NOT NULL,
    "memo" TEXT,
    -- The business row this transaction records ("invoice", id), for statements and drill-down.
    "ref_type" TEXT,
    "ref_id" UUID,
    "customer_id" UUID,
    "reverses_id" UUID,
    "pending_id" UUID,
    -- md5 of the sorted legs: "same key, same legs" is decided by comparing it.
    "legs_digest" TEXT NOT NULL,
    "operator_id" UUID,
    -- The business moment (a payment's value date); created_at is when it was written.
    "effective_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ledger_transactions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ledger_transactions_key_check" CHECK (length("idempotency_key") BETWEEN 1 AND 200),
    CONSTRAINT "ledger_transactions_kind_check" CHECK (
      ("kind" = 'REVERSAL') = ("reverses_id" IS NOT NULL)
      AND ("kind" IN ('POST_PENDING', 'VOID_PENDING')) = ("pending_id" IS NOT NULL)
    )
);
CREATE UNIQUE INDEX IF NOT EXISTS "ledger_transactions_tenant_id_idempotency_key_key" ON "ledger_transactions" ("tenant_id", "idempotency_key");
CREATE UNIQUE INDEX IF NOT EXISTS "ledger_transactions_reverses_id_key" ON "ledger_transactions" ("reverses_id") WHERE "reverses_id" IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS "ledger_transactions_pending_id_key" ON "ledger_transactions" ("pending_id") WHERE "pending_id" IS NOT NULL;
CREATE INDEX IF NOT EXISTS "ledger_transactions_tenant_id_effective_at_idx" ON "ledger_transactions" ("tenant_id", "effective_at");
CREATE INDEX IF NOT EXISTS "ledger_transactions_tenant_id_ref_idx" ON "ledger_transactions" ("tenant_id", "ref_type", "ref_id");
CREATE INDEX IF NOT EXISTS "ledger_transactions_tenant_id_customer_id_idx" ON "ledger_transactions" ("tenant_id", "customer_id", "effective_at") WHERE "customer_id" IS NOT NULL;
DO $$ BEGIN
  ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_reverses_id_fkey" FOREIGN KEY ("reverses_id") REFERENCES "ledger_transactions"("id") ON DELETE RESTRICT;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_pending_id_fkey" FOREIGN KEY ("pending_id") REFERENCES "ledger_transactions"("id") ON DELETE RESTRICT;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE IF NOT EXISTS "ledger_entries" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "transaction_id" UUID NOT NULL,
    "leg_no" SMALLINT NOT NULL,
    "account_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    -- Debit > 0, credit < 0.
    "amount_minor" BIGINT NOT NULL,
    -- Held by a pending transaction: counts in the account's pending columns, not its balance.
    "pending" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ledger_entries_amount_check" CHECK ("amount_minor" <> 0)
);
CREATE UNIQUE INDEX IF NOT EXISTS "ledger_entries_transaction_id_leg_no_key" ON "ledger_entries" ("transaction_id", "leg_no");
CREATE INDEX IF NOT EXISTS "ledger_entries_account_id_id_idx" ON "ledger_entries" ("account_id", "id");
CREATE INDEX IF NOT EXISTS "ledger_entries_tenant_id_idx" ON "ledger_entries" ("tenant_id");
DO $$ BEGIN
  ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "ledger_transactions"("id") ON DELETE RESTRICT;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "ledger_accounts"("id") ON DELETE RESTRICT;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- Wall 1: balanced at commit. Deferred, so the posting function's single INSERT of all legs is
-- checked as a whole, and so is anything the migrator writes by hand.
CREATE OR REPLACE FUNCTION ledger_entries_balanced() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
  AS $fn$
DECLARE
  v_currency text;
  v_sum numeric;
BEGIN
  SELECT e.currency, sum(e.amount_minor) INTO v_currency, v_sum
    FROM public.ledger_entries e
   WHERE e.transaction_id = NEW.transaction_id
   GROUP BY e.currency
  HAVING sum(e.amount_minor) <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % % off', NEW.transaction_id, v_sum, v_currency
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_entries_balanced';
  END IF;
  RETURN NULL;
END
$fn$;
DROP TRIGGER IF EXISTS ledger_entries_balanced ON "ledger_entries";
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON "ledger_entries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entries_balanced();

-- Wall 3.
SELECT make_append_only('ledger_transactions');
SELECT make_append_only('ledger_entries');

-- Row-level security on all three, as everywhere.
ALTER TABLE "ledger_accounts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ledger_accounts" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "ledger_accounts";
CREATE POLICY tenant_isolation ON "ledger_accounts"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
ALTER TABLE "ledger_transactions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ledger_transactions" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "ledger_transactions";
CREATE POLICY tenant_isolation ON "ledger_transactions"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
ALTER TABLE "ledger_entries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ledger_entries" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "ledger_entries";
CREATE POLICY tenant_isolation ON "ledger_entries"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());

-- Wall 2: the application reads; isp_ledger writes.
REVOKE ALL ON TABLE "ledger_accounts", "ledger_transactions", "ledger_entries" FROM PUBLIC, isp_app, isp_system;
GRANT SELECT ON TABLE "ledger_accounts", "ledger_transactions", "ledger_entries" TO isp_app, isp_system;
GRANT SELECT, INSERT, UPDATE ON TABLE "ledger_accounts" TO isp_ledger;
GRANT SELECT, INSERT ON TABLE "ledger_transactions", "ledger_entries" TO isp_ledger;
GRANT USAGE ON SEQUENCE "ledger_entries_id_seq" TO isp_ledger;
REVOKE ALL ON SEQUENCE "ledger_entries_id_seq" FROM isp_app, isp_system;
GRANT SELECT ON TABLE "tenants", "customers", "operators" TO isp_ledger;
GRANT EXECUTE ON FUNCTION app_current_tenant() TO isp_ledger;

-- The caller's tenant, or an error: every ledger function works for the transaction's tenant only.
CREATE OR REPLACE FUNCTION ledger_require_tenant(p_tenant uuid) RETURNS void
  LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, public, pg_temp
  AS $fn$
BEGIN
  IF p_tenant IS NULL OR p_tenant IS DISTINCT FROM public.app_current_tenant() THEN
    RAISE EXCEPTION 'ledger: tenant % is not the tenant of this transaction', p_tenant
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END
$fn$;

-- An account by code, created on first use. Returns its id.
CREATE OR REPLACE FUNCTION ledger_ensure_account(
  p_tenant uuid, p_code text, p_name text, p_type "LedgerAccountType", p_currency text,
  p_no_overdraft boolean DEFAULT false, p_customer uuid DEFAULT NULL, p_operator uuid DEFAULT NULL
) RETURNS uuid
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $fn$
DECLARE
  v_id uuid;
BEGIN
  PERFORM public.ledger_require_tenant(p_tenant);
  SELECT a.id INTO v_id FROM public.ledger_accounts a WHERE a.tenant_id = p_tenant AND a.code = p_code AND a.currency = p_currency;
  IF FOUND THEN RETURN v_id; END IF;
  INSERT INTO public.ledger_accounts (tenant_id, code, name, type, currency, no_overdraft, customer_id, operator_id)
  VALUES (p_tenant, p_code, p_name, p_type, p_currency, p_no_overdraft, p_customer, p_operator)
  ON CONFLICT (tenant_id, code, currency) DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    SELECT a.id INTO v_id FROM public.ledger_accounts a WHERE a.tenant_id = p_tenant AND a.code = p_code AND a.currency = p_currency;
  END IF;
  RETURN v_id;
END
$fn$;

-- The tenant's chart of accounts (the accounts that exist once per tenant). Per-customer and
-- per-collector accounts are created on first use by ledger_ensure_account.
CREATE OR REPLACE FUNCTION ledger_open_chart(p_tenant uuid, p_currency text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $fn$
BEGIN
  PERFORM public.ledger_ensure_account(p_tenant, c.code, c.name, c.type::"LedgerAccountType", p_currency, false)
    FROM (VALUES
      ('cash', 'Cash (unassigned)', 'ASSET'),
      ('bank', 'Bank', 'ASSET'),
      ('revenue', 'Service revenue', 'REVENUE'),
      ('discounts', 'Discounts given', 'EXPENSE'),
      ('tax_payable', 'Tax payable', 'LIABILITY'),
      ('rounding', 'Rounding', 'EXPENSE'),
      ('suspense', 'Suspense (unmatched money)', 'LIABILITY'),
      ('refunds_payable', 'Refunds payable', 'LIABILITY'),
      ('voucher_liability', 'Vouchers sold, not redeemed', 'LIABILITY'),
      ('commission_expense', 'Commission expense', 'EXPENSE'),
      ('commission_payable', 'Commission payable', 'LIABILITY'),
      ('opening_balance', 'Opening balances', 'EQUITY')
    ) AS c(code, name, type);
END
$fn$;

-- The one posting door. p_txns is a JSON array; each element:
--   { "key": text, "event": text, "memo"?, "ref_type"?, "ref_id"?, "customer_id"?, "operator_id"?,
--     "effective_at"?, "pending"?: bool,
--     "legs": [ { "account": uuid, "amount": "<integer minor units as a string>" }, ... ] }
--   or a reversal  { "key", "event", "reverses": uuid }            (legs: the original's, negated)
--   or a resolution { "key", "event", "post_pending" | "void_pending": uuid }
-- Returns one row per element: the transaction id and whether it already existed (same key, same
-- legs). Accounts are locked in id order before anything is written; balances are updated once
-- per account for the whole batch, which is what makes a bill run of 100,000 postings fast.
CREATE OR REPLACE FUNCTION ledger_post(p_tenant uuid, p_txns jsonb)
  RETURNS TABLE (idempotency_key text, transaction_id uuid, existed boolean)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $fn$
#variable_conflict use_column
DECLARE
  v_bad text;
BEGIN
  PERFORM public.ledger_require_tenant(p_tenant);
  IF jsonb_typeof(p_txns) IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'ledger_post: expected a JSON array of transactions' USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- Scratch tables for this transaction. One the caller made under these names (to hang a
  -- trigger on them, say) is refused: they must be this function's own.
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relnamespace = pg_catalog.pg_my_temp_schema()
              AND c.relname IN ('ledger_post_tx', 'ledger_post_leg') AND c.relowner <> (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)) THEN
    RAISE EXCEPTION 'ledger_post: a temporary table named like the ledger''s scratch tables exists' USING ERRCODE = 'insufficient_privilege';
  END IF;
  CREATE TEMP TABLE IF NOT EXISTS ledger_post_tx (
    n int, key text, event text, memo text, ref_type text, ref_id uuid, customer_id uuid, operator_id uuid,
    effective_at timestamptz, pending boolean, reverses uuid, post_pending uuid, void_pending uuid,
    kind "LedgerTransactionKind", digest text, id uuid, is_new boolean NOT NULL DEFAULT false, existing_digest text
  ) ON COMMIT DROP;
  CREATE TEMP TABLE IF NOT EXISTS ledger_post_leg (n int, leg_no int, account_id uuid, amount bigint, currency text, pending boolean) ON COMMIT DROP;
  TRUNCATE ledger_post_tx, ledger_post_leg;

  INSERT INTO ledger_post_tx (n, key, event, memo, ref_type, ref_id, customer_id, operator_id, effective_at, pending, reverses, post_pending, void_pending)
  SELECT x.n, x.t->>'key', x.t->>'event', x.t->>'memo', x.t->>'ref_type', (x.t->>'ref_id')::uuid, (x.t->>'customer_id')::uuid,
         (x.t->>'operator_id')::uuid, coalesce((x.t->>'effective_at')::timestamptz, now()), coalesce((x.t->>'pending')::boolean, false),
         (x.t->>'reverses')::uuid, (x.t->>'post_pending')::uuid, (x.t->>'void_pending')::uuid
    FROM jsonb_array_elements(p_txns) WITH ORDINALITY AS x(t, n);

  SELECT t.key INTO v_bad FROM ledger_post_tx t
   WHERE t.key IS NULL OR length(t.key) NOT BETWEEN 1 AND 200 OR t.event IS NULL OR length(t.event) NOT BETWEEN 1 AND 80
      OR num_nonnulls(t.reverses, t.post_pending, t.void_pending) > 1
      OR (t.pending AND num_nonnulls(t.reverses, t.post_pending, t.void_pending) > 0)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger_post: malformed transaction %', coalesce(v_bad, '(no key)') USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT t.key INTO v_bad FROM ledger_post_tx t GROUP BY t.key HAVING count(*) > 1 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger_post: key % appears twice in one batch', v_bad USING ERRCODE = 'invalid_parameter_value';
  END IF;

  UPDATE ledger_post_tx t SET kind = CASE
    WHEN t.reverses IS NOT NULL THEN 'REVERSAL'
    WHEN t.post_pending IS NOT NULL THEN 'POST_PENDING'
    WHEN t.void_pending IS NOT NULL THEN 'VOID_PENDING'
    WHEN t.pending THEN 'PENDING'
    ELSE 'POSTED' END::"LedgerTransactionKind";

  -- Legs: given, or derived from the transaction reversed / resolved.
  INSERT INTO ledger_post_leg (n, leg_no, account_id, amount, pending)
  SELECT t.n, l.o::int, (l.leg->>'account')::uuid, (l.leg->>'amount')::bigint, t.pending
    FROM ledger_post_tx t
    JOIN jsonb_array_elements(p_txns) WITH ORDINALITY AS x(v, n) ON x.n = t.n
    CROSS JOIN LATERAL jsonb_array_elements(coalesce(x.v->'legs', '[]'::jsonb)) WITH ORDINALITY AS l(leg, o)
   WHERE t.kind IN ('POSTED', 'PENDING');
  INSERT INTO ledger_post_leg (n, leg_no, account_id, amount, pending)
  SELECT t.n, e.leg_no, e.account_id, -e.amount_minor, false
    FROM ledger_post_tx t JOIN public.ledger_entries e ON e.transaction_id = t.reverses
   WHERE t.kind = 'REVERSAL' AND e.tenant_id = p_tenant AND NOT e.pending;
  INSERT INTO ledger_post_leg (n, leg_no, account_id, amount, pending)
  SELECT t.n, e.leg_no, e.account_id, e.amount_minor, false
    FROM ledger_post_tx t JOIN public.ledger_entries e ON e.transaction_id = t.post_pending
   WHERE t.kind = 'POST_PENDING' AND e.tenant_id = p_tenant AND e.pending;

  -- What is reversed or resolved must exist, be this tenant's, and be of the right kind.
  SELECT t.key INTO v_bad FROM ledger_post_tx t
   WHERE (t.kind = 'REVERSAL' AND NOT EXISTS (SELECT 1 FROM public.ledger_transactions o WHERE o.id = t.reverses AND o.tenant_id = p_tenant AND o.kind IN ('POSTED', 'POST_PENDING')))
      OR (t.kind IN ('POST_PENDING', 'VOID_PENDING') AND NOT EXISTS (SELECT 1 FROM public.ledger_transactions o WHERE o.id = coalesce(t.post_pending, t.void_pending) AND o.tenant_id = p_tenant AND o.kind = 'PENDING'))
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger_post: % refers to no transaction it may reverse or resolve', v_bad USING ERRCODE = 'foreign_key_violation';
  END IF;

  -- Legs name this tenant's accounts; amounts are non-zero; two legs at least; balanced per currency.
  UPDATE ledger_post_leg l SET currency = a.currency FROM public.ledger_accounts a WHERE a.id = l.account_id AND a.tenant_id = p_tenant;
  SELECT t.key INTO v_bad FROM ledger_post_leg l JOIN ledger_post_tx t USING (n)
   WHERE l.currency IS NULL OR l.amount IS NULL OR l.amount = 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger_post: % has a leg with an unknown account or a zero amount', v_bad USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT t.key INTO v_bad FROM ledger_post_tx t
   WHERE t.kind <> 'VOID_PENDING' AND (SELECT count(*) FROM ledger_post_leg l WHERE l.n = t.n) < 2 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger_post: % needs two legs or more', v_bad USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT t.key INTO v_bad FROM ledger_post_leg l JOIN ledger_post_tx t USING (n)
   GROUP BY t.key, l.currency HAVING sum(l.amount) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger_post: % does not balance', v_bad USING ERRCODE = 'check_violation';
  END IF;

  UPDATE ledger_post_tx t SET digest = md5(t.kind::text || coalesce(t.reverses::text, t.post_pending::text, t.void_pending::text, '') || ':' || coalesce(
    (SELECT string_agg(l.account_id::text || '=' || l.amount::text, ',' ORDER BY l.account_id, l.amount) FROM ledger_post_leg l WHERE l.n = t.n), ''));

  -- Lock every account touched, in id order: concurrent postings queue instead of deadlocking.
  PERFORM 1 FROM public.ledger_accounts a WHERE a.id IN (SELECT DISTINCT l.account_id FROM ledger_post_leg l) ORDER BY a.id FOR UPDATE;

  WITH ins AS (
    INSERT INTO public.ledger_transactions AS lt (tenant_id, idempotency_key, kind, event, memo, ref_type, ref_id, customer_id, reverses_id, pending_id, legs_digest, operator_id, effective_at)
    SELECT p_tenant, t.key, t.kind, t.event, t.memo, t.ref_type, t.ref_id, t.customer_id, t.reverses, coalesce(t.post_pending, t.void_pending), t.digest, t.operator_id, t.effective_at
      FROM ledger_post_tx t ORDER BY t.n
    ON CONFLICT DO NOTHING
    RETURNING lt.id, lt.idempotency_key
  )
  UPDATE ledger_post_tx t SET id = ins.id, is_new = true FROM ins WHERE ins.idempotency_key = t.key;

  -- The rest existed already (same key): theirs must have the same legs.
  UPDATE ledger_post_tx t SET id = lt.id, existing_digest = lt.legs_digest
    FROM public.ledger_transactions lt WHERE NOT t.is_new AND lt.tenant_id = p_tenant AND lt.idempotency_key = t.key;
  SELECT t.key INTO v_bad FROM ledger_post_tx t WHERE t.id IS NULL LIMIT 1;
  IF FOUND THEN
    -- The key was free but what it reverses or resolves already was, under another key.
    RAISE EXCEPTION 'ledger_post: % was already reversed or resolved by another transaction', v_bad USING ERRCODE = 'unique_violation';
  END IF;
  SELECT t.key INTO v_bad FROM ledger_post_tx t WHERE NOT t.is_new AND t.existing_digest <> t.digest LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger_post: key % was already used for different legs', v_bad USING ERRCODE = 'unique_violation';
  END IF;
  DELETE FROM ledger_post_leg l USING ledger_post_tx t WHERE l.n = t.n AND NOT t.is_new;

  INSERT INTO public.ledger_entries (tenant_id, transaction_id, leg_no, account_id, currency, amount_minor, pending)
  SELECT p_tenant, t.id, l.leg_no, l.account_id, l.currency, l.amount, l.pending
    FROM ledger_post_leg l JOIN ledger_post_tx t USING (n)
   ORDER BY t.n, l.leg_no;

  -- Balances, once per account: posted legs move the balance; pending legs the holds; resolving a
  -- pending transaction releases its holds (posting moves the balance through its copied legs).
  WITH moves AS (
    SELECT l.account_id,
           sum(CASE WHEN NOT l.pending THEN l.amount ELSE 0 END) AS posted,
           sum(CASE WHEN l.pending AND l.amount > 0 THEN l.amount ELSE 0 END) AS hold_dr,
           sum(CASE WHEN l.pending AND l.amount < 0 THEN -l.amount ELSE 0 END) AS hold_cr,
           count(*) AS n
      FROM ledger_post_leg l GROUP BY l.account_id
    UNION ALL
    SELECT e.account_id, 0,
           -sum(CASE WHEN e.amount_minor > 0 THEN e.amount_minor ELSE 0 END),
           -sum(CASE WHEN e.amount_minor < 0 THEN -e.amount_minor ELSE 0 END),
           count(*)
      FROM ledger_post_tx t JOIN public.ledger_entries e ON e.transaction_id = coalesce(t.post_pending, t.void_pending)
     WHERE t.kind IN ('POST_PENDING', 'VOID_PENDING') AND e.pending AND t.is_new
     GROUP BY e.account_id
  ), totals AS (
    SELECT m.account_id, sum(m.posted) AS posted, sum(m.hold_dr) AS hold_dr, sum(m.hold_cr) AS hold_cr, sum(m.n) AS n
      FROM moves m GROUP BY m.account_id
  )
  UPDATE public.ledger_accounts a
     SET balance_minor = a.balance_minor + tt.posted,
         pending_debits_minor = a.pending_debits_minor + tt.hold_dr,
         pending_credits_minor = a.pending_credits_minor + tt.hold_cr,
         version = a.version + tt.n
    FROM totals tt WHERE a.id = tt.account_id;

  RETURN QUERY SELECT t.key, t.id, NOT t.is_new FROM ledger_post_tx t ORDER BY t.n;
END
$fn$;

-- Ownership and who may call what.
DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[
    'ledger_ensure_account(uuid, text, text, "LedgerAccountType", text, boolean, uuid, uuid)',
    'ledger_open_chart(uuid, text)',
    'ledger_post(uuid, jsonb)'
  ] LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO isp_ledger', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO isp_app, isp_system', f);
  END LOOP;
END
$$;
GRANT EXECUTE ON FUNCTION ledger_require_tenant(uuid) TO isp_ledger, isp_app, isp_system;

-- Every tenant gets its chart when it is created (and every tenant that exists now, here).
CREATE OR REPLACE FUNCTION tenants_open_ledger() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public, pg_temp
  AS $fn$
DECLARE
  v_prev text := current_setting('app.tenant_id', true);
BEGIN
  PERFORM set_config('app.tenant_id', NEW.id::text, true);
  PERFORM public.ledger_open_chart(NEW.id, NEW.currency);
  PERFORM set_config('app.tenant_id', coalesce(v_prev, ''), true);
  RETURN NULL;
END
$fn$;
DROP TRIGGER IF EXISTS tenants_open_ledger ON "tenants";
CREATE TRIGGER tenants_open_ledger AFTER INSERT ON "tenants" FOR EACH ROW EXECUTE FUNCTION tenants_open_ledger();

DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT id, currency FROM tenants LOOP
    PERFORM set_config('app.tenant_id', r.id::text, true);
    PERFORM ledger_open_chart(r.id, r.currency);
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;
