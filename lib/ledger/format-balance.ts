// How a ledger amount is shown to people: on the account's normal side (an asset with money in
// it reads positive, so does revenue earned), formatted by lib/money (exact, from the bigint).
import type { AccountType } from "./accounts";

export { formatMoney } from "@/lib/money/format-money";

/** Debit-normal accounts (assets, expenses) show debits minus credits; the rest the opposite. */
export function normalBalance(type: AccountType, balanceMinor: bigint): bigint {
  return type === "ASSET" || type === "EXPENSE" ? balanceMinor : -balanceMinor;
}
