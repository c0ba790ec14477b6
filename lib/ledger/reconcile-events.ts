// The event that asks for one ISP's ledger reconciliation (nightly fan-out and "Run now").
export const LEDGER_RECONCILE_REQUESTED = "ledger/reconcile.requested";
