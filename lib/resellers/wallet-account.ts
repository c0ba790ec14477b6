// A reseller's wallet: one ledger account per reseller or sub-reseller, reseller_wallet:<id>, a
// LIABILITY (money the ISP holds for it) marked no_overdraft. Prepaid: it cannot go below zero.
// Postpaid: it may go below zero by the operator's credit limit, and what is below zero is the
// payable the reseller owes. PostgreSQL refuses the posting that would cross the limit, on the
// locked balance update inside ledger_post (migration 20261207220000_reseller_wallets).
import type { Tx } from "@/lib/db";
import type { BillingMode } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { ensureAccount } from "@/lib/ledger";

export interface WalletOwner {
  id: string;
  billingMode: BillingMode;
  creditLimitMinor: bigint;
}

export const walletCode = (operatorId: string) => `reseller_wallet:${operatorId}`;

/** How far below zero the wallet may go: the credit limit of a postpaid reseller, else nothing. */
export function walletLimit(op: Pick<WalletOwner, "billingMode" | "creditLimitMinor">): bigint {
  return op.billingMode === "POSTPAID" ? op.creditLimitMinor : 0n;
}

/** Moves the account's overdraft limit to what the operator's terms say; refused below the debt. */
async function setLimit(tx: Tx, tenantId: string, accountId: string, limit: bigint) {
  try {
    await tx.$executeRaw`SELECT ledger_set_overdraft_limit(${tenantId}::uuid, ${accountId}::uuid, ${limit}::bigint)`;
  } catch (e) {
    if (e instanceof Error && /below the amount in use/.test(e.message)) {
      throw new AppError("CONFLICT", {
        userMessage: "The reseller owes more than this credit limit: settle the difference first.",
        fieldErrors: { creditLimit: ["Lower than what it owes now."] },
        cause: e,
      });
    }
    throw e;
  }
}

/** The operator's wallet account, opened on first use, its limit in line with the operator's terms. */
export async function walletAccount(tx: Tx, tenantId: string, op: WalletOwner, currency: string): Promise<string> {
  const id = await ensureAccount(tx, tenantId, { code: walletCode(op.id), name: "Reseller wallet", type: "LIABILITY", currency, noOverdraft: true, operatorId: op.id });
  const rows = await tx.$queryRaw<{ limit: bigint }[]>`SELECT overdraft_limit_minor AS "limit" FROM ledger_accounts WHERE id = ${id}::uuid`;
  const limit = walletLimit(op);
  if (rows[0]!.limit !== limit) await setLimit(tx, tenantId, id, limit);
  return id;
}

/** After an operator's mode or credit limit changed: its wallet (if it has one) follows. */
export async function syncWalletLimit(tx: Tx, tenantId: string, op: WalletOwner): Promise<void> {
  const accounts = await tx.ledgerAccount.findMany({ where: { tenantId, code: walletCode(op.id) }, select: { id: true, overdraftLimitMinor: true } });
  const limit = walletLimit(op);
  for (const a of accounts) if (a.overdraftLimitMinor !== limit) await setLimit(tx, tenantId, a.id, limit);
}

export interface WalletBalance {
  /** On the wallet's normal side: positive is money the reseller has, negative what it owes. */
  balanceMinor: bigint;
  /** Held by pending transactions (not spendable). */
  heldMinor: bigint;
  limitMinor: bigint;
  /** What it can spend now: balance - held + limit. */
  availableMinor: bigint;
}

/** The wallet's balance as the reseller reads it (a wallet never opened reads as empty). */
export async function walletBalance(tx: Tx, tenantId: string, op: WalletOwner, currency: string): Promise<WalletBalance> {
  const a = await tx.ledgerAccount.findFirst({ where: { tenantId, code: walletCode(op.id), currency }, select: { balanceMinor: true, pendingDebitsMinor: true } });
  const balanceMinor = a ? -a.balanceMinor : 0n;
  const heldMinor = a ? a.pendingDebitsMinor : 0n;
  const limitMinor = walletLimit(op);
  return { balanceMinor, heldMinor, limitMinor, availableMinor: balanceMinor - heldMinor + limitMinor };
}
