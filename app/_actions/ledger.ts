"use server";

import { runLedgerReconciliation } from "@/lib/ledger/run-ledger-reconciliation";
import { operatorAction } from "@/lib/next/operator-action";

export const runLedgerReconciliationAction = operatorAction((actor) => runLedgerReconciliation(actor), {
  revalidate: ["/admin/billing/ledger"],
  successMessage: "Reconciliation requested. It runs in the background; reload in a moment to see the result.",
});
