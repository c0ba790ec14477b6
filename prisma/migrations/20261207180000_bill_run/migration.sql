-- The bill run (docs/billing.md, "Bill run, locks and reminders"): customer ledger accounts opened
-- for a whole batch of customers in one statement instead of two function calls per customer.
--
-- ledger_ensure_customer_accounts(tenant, currency, customers[]) returns, for each customer, its
-- receivable (ASSET) and credit (LIABILITY, no overdraft) accounts, opening the missing ones with
-- the same codes, names and flags as ledger_ensure_account would (lib/ledger/accounts.ts
-- customerAccounts). SECURITY DEFINER owned by isp_ledger like the other ledger_* functions, and
-- refused for any tenant but the transaction's (row-level security still applies as well).

CREATE OR REPLACE FUNCTION ledger_ensure_customer_accounts(p_tenant uuid, p_currency text, p_customers uuid[])
  RETURNS TABLE (customer_id uuid, receivable_id uuid, credit_id uuid)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp
  AS $fn$
#variable_conflict use_column
BEGIN
  PERFORM public.ledger_require_tenant(p_tenant);
  -- Only this tenant's customers get accounts (an id from elsewhere is ignored, not opened).
  INSERT INTO public.ledger_accounts (tenant_id, code, name, type, currency, no_overdraft, customer_id)
  SELECT p_tenant, k.prefix || c.id::text, k.name, k.type::"LedgerAccountType", p_currency, k.no_overdraft, c.id
    FROM public.customers c
   CROSS JOIN (VALUES ('customer_receivable:', 'Customer receivable', 'ASSET', false),
                      ('customer_credit:', 'Customer credit', 'LIABILITY', true)) AS k(prefix, name, type, no_overdraft)
   WHERE c.tenant_id = p_tenant AND c.id = ANY (p_customers)
   ORDER BY c.id, k.prefix
  ON CONFLICT (tenant_id, code, currency) DO NOTHING;

  RETURN QUERY
  SELECT c.id,
         (SELECT a.id FROM public.ledger_accounts a WHERE a.tenant_id = p_tenant AND a.currency = p_currency AND a.code = 'customer_receivable:' || c.id::text),
         (SELECT a.id FROM public.ledger_accounts a WHERE a.tenant_id = p_tenant AND a.currency = p_currency AND a.code = 'customer_credit:' || c.id::text)
    FROM public.customers c
   WHERE c.tenant_id = p_tenant AND c.id = ANY (p_customers);
END
$fn$;

ALTER FUNCTION ledger_ensure_customer_accounts(uuid, text, uuid[]) OWNER TO isp_ledger;
REVOKE ALL ON FUNCTION ledger_ensure_customer_accounts(uuid, text, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger_ensure_customer_accounts(uuid, text, uuid[]) TO isp_app, isp_system;

-- The lock and reminder jobs look for open invoices by due date across a tenant.
CREATE INDEX IF NOT EXISTS "invoices_open_due_idx" ON "invoices" ("tenant_id", "due_at") WHERE "kind" = 'INVOICE' AND "status" IN ('ISSUED', 'PARTIALLY_PAID');
