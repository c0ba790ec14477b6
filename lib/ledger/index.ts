export { SYSTEM_ACCOUNTS, ensureAccount, systemAccount, customerAccounts, customerAccountsInBulk, collectorCashAccount, type AccountSpec, type CustomerAccountIds, type AccountType, type SystemAccount } from "./accounts";
export { postTransaction, postTransactions, rewordOverdraft, type Leg, type PostingInput, type Posted } from "./post";
export { reconcileLedger, type Reconciliation, type AccountDiscrepancy } from "./reconcile";
