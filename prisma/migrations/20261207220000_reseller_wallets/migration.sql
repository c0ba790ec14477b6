-- Reseller wallets and commissions (issue "Resellers' money and vouchers", items 2 to 4;
-- docs/resellers.md).
--
-- A reseller's wallet is one ledger account, reseller_wallet:<operator id>, a LIABILITY (money the
-- ISP holds for the reseller) marked no_overdraft. A prepaid reseller cannot spend below zero; a
-- postpaid reseller may go below zero by its credit limit (the payable it owes the ISP). The limit
-- is a column of the account so that the same CHECK, on the same locked row update inside
-- ledger_post, refuses the posting that would cross it: concurrent recharges cannot overdraw.

ALTER TABLE "operators" ADD COLUMN IF NOT EXISTS "credit_limit_minor" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "operators" DROP CONSTRAINT IF EXISTS "operators_credit_limit_minor_check";
ALTER TABLE "operators" ADD CONSTRAINT "operators_credit_limit_minor_check" CHECK ("credit_limit_minor" >= 0 AND "credit_limit_minor" <= 100000000000000);

ALTER TABLE "ledger_accounts" ADD COLUMN IF NOT EXISTS "overdraft_limit_minor" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "ledger_accounts" DROP CONSTRAINT IF EXISTS "ledger_accounts_overdraft_limit_check";
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_overdraft_limit_check" CHECK ("overdraft_limit_minor" >= 0);
ALTER TABLE "ledger_accounts" DROP CONSTRAINT IF EXISTS "ledger_accounts_no_overdraft_check";
-- The balance on the account's normal side, pending holds included, plus the overdraft limit,
-- never below zero (limit 0: the rule as before).
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_no_overdraft_check" CHECK (
  NOT "no_overdraft"
  OR ("type" IN ('ASSET', 'EXPENSE') AND "balance_minor" - "pending_credits_minor" + "overdraft_limit_minor" >= 0)
  OR ("type" IN ('LIABILITY', 'EQUITY', 'REVENUE') AND "balance_minor" + "pending_debits_minor" - "overdraft_limit_minor" <= 0)
);

-- The only way to change a limit (the app roles cannot update ledger accounts). A limit lower
-- than what the account already uses is refused: the reseller settles first.
CREATE OR REPLACE FUNCTION ledger_set_overdraft_limit(p_tenant uuid, p_account uuid, p_limit bigint) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $fn$
DECLARE
  v_acc public.ledger_accounts%ROWTYPE;
BEGIN
  PERFORM public.ledger_require_tenant(p_tenant);
  IF p_limit IS NULL OR p_limit < 0 THEN RAISE EXCEPTION 'ledger: overdraft limit must be >= 0'; END IF;
  SELECT * INTO v_acc FROM public.ledger_accounts a WHERE a.id = p_account AND a.tenant_id = p_tenant FOR NO KEY UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'ledger: account % not found', p_account; END IF;
  IF NOT v_acc.no_overdraft THEN RAISE EXCEPTION 'ledger: account % has no overdraft rule', p_account; END IF;
  IF (v_acc.type IN ('ASSET', 'EXPENSE') AND v_acc.balance_minor - v_acc.pending_credits_minor + p_limit < 0)
     OR (v_acc.type IN ('LIABILITY', 'EQUITY', 'REVENUE') AND v_acc.balance_minor + v_acc.pending_debits_minor - p_limit > 0) THEN
    RAISE EXCEPTION 'ledger: overdraft limit below the amount in use' USING ERRCODE = '23514';
  END IF;
  UPDATE public.ledger_accounts SET overdraft_limit_minor = p_limit WHERE id = p_account;
END
$fn$;
ALTER FUNCTION ledger_set_overdraft_limit(uuid, uuid, bigint) OWNER TO isp_ledger;
REVOKE ALL ON FUNCTION ledger_set_overdraft_limit(uuid, uuid, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger_set_overdraft_limit(uuid, uuid, bigint) TO isp_app, isp_system;

-- A payment made from a reseller's wallet (a reseller recharging its customer).
ALTER TYPE "PaymentMethod" ADD VALUE IF NOT EXISTS 'RESELLER_WALLET';

-- Commissions: one row per payment and operator that earned a share of it, written with the
-- ledger transaction that credits the operator's commission payable (key commission:<payment>),
-- marked reversed with the reversing transaction when the payment is reversed.
CREATE TABLE IF NOT EXISTS "commissions" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "tenant_id" UUID NOT NULL,
  "payment_id" UUID NOT NULL,
  "operator_id" UUID NOT NULL,
  "customer_id" UUID NOT NULL,
  -- The payment's amount, the share applied (basis points of the payment) and the result.
  "base_minor" BIGINT NOT NULL,
  "share_bp" INTEGER NOT NULL,
  "amount_minor" BIGINT NOT NULL,
  "currency" CHAR(3) NOT NULL,
  "earned_at" TIMESTAMPTZ(3) NOT NULL,
  "transaction_id" UUID NOT NULL,
  "reversed_at" TIMESTAMPTZ(3),
  "reversal_transaction_id" UUID,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "commissions_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "commissions_amount_check" CHECK ("amount_minor" >= 0 AND "base_minor" > 0 AND "share_bp" BETWEEN 0 AND 10000)
);
CREATE UNIQUE INDEX IF NOT EXISTS "commissions_tenant_id_payment_id_operator_id_key" ON "commissions" ("tenant_id", "payment_id", "operator_id");
CREATE INDEX IF NOT EXISTS "commissions_tenant_id_operator_id_earned_at_idx" ON "commissions" ("tenant_id", "operator_id", "earned_at");
ALTER TABLE "commissions" DROP CONSTRAINT IF EXISTS "commissions_tenant_id_operator_id_fkey";
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_tenant_id_operator_id_fkey"
  FOREIGN KEY ("tenant_id", "operator_id") REFERENCES "operators" ("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "commissions" DROP CONSTRAINT IF EXISTS "commissions_payment_id_fkey";
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_payment_id_fkey"
  FOREIGN KEY ("payment_id") REFERENCES "payments" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "commissions" DROP CONSTRAINT IF EXISTS "commissions_customer_id_fkey";
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_customer_id_fkey"
  FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "commissions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "commissions" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "commissions";
CREATE POLICY tenant_isolation ON "commissions"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
