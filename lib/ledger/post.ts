// The one way money moves: ledger_post() in PostgreSQL (see the ledger migration), which checks
// the legs, locks the accounts in id order, writes the transaction and its entries and moves the
// cached balances, all in the caller's database transaction. Nothing else writes entries (the
// application roles cannot: they only SELECT the ledger tables).
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** One side of a transaction: debit > 0, credit < 0, in minor units of the account's currency. */
export interface Leg {
  accountId: string;
  amountMinor: bigint;
}

interface Common {
  /** Derived from the business event, unique per tenant: "invoice:<id>:issue", "payment:<id>". */
  key: string;
  /** What happened, for statements and reports: "invoice.issue", "payment.cash". */
  event: string;
  memo?: string | null;
  refType?: string | null;
  refId?: string | null;
  customerId?: string | null;
  operatorId?: string | null;
  effectiveAt?: Date;
}

export type PostingInput =
  | (Common & { legs: Leg[]; pending?: boolean })
  | (Common & { reverses: string })
  | (Common & { postPending: string })
  | (Common & { voidPending: string });

export interface Posted {
  key: string;
  transactionId: string;
  /** The key had been posted before with the same legs: nothing new was written. */
  existed: boolean;
}

function toJson(p: PostingInput) {
  return {
    key: p.key,
    event: p.event,
    memo: p.memo ?? null,
    ref_type: p.refType ?? null,
    ref_id: p.refId ?? null,
    customer_id: p.customerId ?? null,
    operator_id: p.operatorId ?? null,
    effective_at: p.effectiveAt?.toISOString() ?? null,
    ...("legs" in p ? { pending: p.pending ?? false, legs: p.legs.map((l) => ({ account: l.accountId, amount: l.amountMinor.toString() })) } : {}),
    ...("reverses" in p ? { reverses: p.reverses } : {}),
    ...("postPending" in p ? { post_pending: p.postPending } : {}),
    ...("voidPending" in p ? { void_pending: p.voidPending } : {}),
  };
}

const NOT_ENOUGH = "Not enough balance for this.";

/**
 * A no-overdraft account refused the posting: rethrown in the caller's words (which wallet, which
 * field). Any other error is rethrown as it is.
 */
export function rewordOverdraft(e: unknown, userMessage: string, fieldErrors?: Record<string, string[]>): never {
  if (e instanceof AppError && e.code === "CONFLICT" && e.userMessage === NOT_ENOUGH) throw new AppError("CONFLICT", { userMessage, fieldErrors, cause: e });
  throw e;
}

/** The errors ledger_post raises that are the caller's to handle, as AppErrors. */
function ledgerError(e: unknown): never {
  const message = e instanceof Error ? e.message : String(e);
  if (/ledger_accounts_no_overdraft_check/.test(message)) {
    throw new AppError("CONFLICT", { userMessage: NOT_ENOUGH, cause: e });
  }
  if (/already used for different legs|already reversed or resolved/.test(message)) {
    throw new AppError("CONFLICT", { userMessage: "This was already recorded differently.", cause: e });
  }
  throw e;
}

/** Posts a batch in the caller's transaction; one result per input, in order. */
export async function postTransactions(tx: Tx, tenantId: string, postings: PostingInput[]): Promise<Posted[]> {
  if (postings.length === 0) return [];
  const payload = JSON.stringify(postings.map(toJson));
  try {
    const rows = await tx.$queryRaw<{ idempotency_key: string; transaction_id: string; existed: boolean }[]>`
      SELECT idempotency_key, transaction_id, existed FROM ledger_post(${tenantId}::uuid, ${payload}::jsonb)`;
    return rows.map((r) => ({ key: r.idempotency_key, transactionId: r.transaction_id, existed: r.existed }));
  } catch (e) {
    ledgerError(e);
  }
}

export async function postTransaction(tx: Tx, tenantId: string, posting: PostingInput): Promise<Posted> {
  const [posted] = await postTransactions(tx, tenantId, [posting]);
  return posted!;
}
