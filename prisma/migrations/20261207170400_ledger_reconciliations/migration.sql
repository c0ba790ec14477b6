-- Results of ledger reconciliations (lib/ledger/reconcile.ts), one row per run per tenant: the
-- nightly ledger.reconcile job and the admin page's "Run now" write them; the ledger page shows
-- the latest. Amounts inside the JSON are strings of minor units (bigint, never a JSON number).
-- Plain history, not evidence: the job prunes rows older than 90 days.
CREATE TABLE IF NOT EXISTS "ledger_reconciliations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "ran_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "accounts" INTEGER NOT NULL,
    "transactions" INTEGER NOT NULL,
    -- [{ "currency", "debitsMinor", "creditsMinor", "netMinor" }]
    "trial_balance" JSONB NOT NULL DEFAULT '[]',
    -- [{ "accountId", "code", "cachedBalanceMinor", "entriesBalanceMinor", ... }]
    "discrepancies" JSONB NOT NULL DEFAULT '[]',
    -- [transaction id, ...] (at most 100)
    "unbalanced_transactions" JSONB NOT NULL DEFAULT '[]',
    "duration_ms" INTEGER NOT NULL,
    CONSTRAINT "ledger_reconciliations_pkey" PRIMARY KEY ("id")
);

CREATE INDEX IF NOT EXISTS "ledger_reconciliations_tenant_id_ran_at_idx" ON "ledger_reconciliations"("tenant_id", "ran_at" DESC);

DO $$ BEGIN
  ALTER TABLE "ledger_reconciliations" ADD CONSTRAINT "ledger_reconciliations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

ALTER TABLE "ledger_reconciliations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ledger_reconciliations" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "ledger_reconciliations";
CREATE POLICY tenant_isolation ON "ledger_reconciliations"
  USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());
