-- The balance check at commit (ledger_entries_balanced) runs once per entry. Under row-level
-- security its query also filters by tenant, and on a table without statistics the planner chose
-- the tenant index and scanned the tenant's every entry per check: a bill-run batch's commit
-- went quadratic (45 s for 2,000 postings, measured by the bill-run benchmark). As SECURITY
-- DEFINER of the table owner it reads by transaction id alone, through the unique
-- (transaction_id, leg_no) index. It only sums the entries of the transaction being checked.
ALTER FUNCTION ledger_entries_balanced() SECURITY DEFINER;
REVOKE ALL ON FUNCTION ledger_entries_balanced() FROM PUBLIC;
