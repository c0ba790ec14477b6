-- "Is this customer in service" gains two reasons to say no (lib/customers/service-state.ts):
-- PAUSED, a customer who asked to pause (not invoiced, no service), and a lock for non-payment set
-- by billing (locked_at, lock_reason), distinct from SUSPENDED, which an operator sets by hand.
-- A lock is a column, not a status, so unlocking restores whatever status the customer had.
ALTER TYPE "CustomerStatus" ADD VALUE IF NOT EXISTS 'PAUSED';
ALTER TABLE customers ADD COLUMN IF NOT EXISTS locked_at timestamptz(3);
ALTER TABLE customers ADD COLUMN IF NOT EXISTS lock_reason text;
-- Billing lists and counts the locked customers of a tenant; few are, so a partial index.
CREATE INDEX IF NOT EXISTS customers_tenant_id_locked_at_idx ON customers (tenant_id, locked_at) WHERE locked_at IS NOT NULL;
