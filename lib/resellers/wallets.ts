// Money into and out of resellers' wallets (docs/resellers.md, "Wallets"):
// - the ISP's staff top up a reseller or sub-reseller with cash or a bank transfer, or pay money
//   back out of its wallet (a refund, a mistaken top-up);
// - a reseller moves money from its own wallet into one of its sub-resellers' wallets, or back;
// - a postpaid reseller settles what it owes the same way as a prepaid one tops up.
// Each movement is one ledger transaction under a key from the form (a double submit moves the
// money once) and one audit entry. PostgreSQL refuses any movement that would take a wallet past
// its limit (wallet-account.ts).
import { z } from "zod";
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { can, isStaff } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db";
import type { Operator } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { collectorCashAccount, postTransaction, rewordOverdraft, systemAccount, type Leg } from "@/lib/ledger";
import { parseAmount } from "@/lib/money/parse-amount";
import { optionalText, formToken } from "./form-text";
import { resellerTarget } from "./reseller-target";
import { walletAccount, walletBalance, type WalletBalance } from "./wallet-account";


export const walletMoveSchema = z.object({
  operatorId: z.uuid("Choose a reseller."),
  /** IN: into the wallet (top-up, settlement). OUT: out of it (refund, taking back). */
  direction: z.enum(["IN", "OUT"], "Choose in or out."),
  /** Where the money comes from or goes to. Staff: cash or bank. A reseller: its own wallet. */
  via: z.enum(["CASH", "BANK_TRANSFER", "WALLET"], "Choose cash, bank transfer or your wallet."),
  amount: z.string().trim().min(1, "Enter the amount.").max(40, "At most 40 characters."),
  reference: optionalText(120),
  note: optionalText(300),
  idempotencyKey: formToken,
});
export type WalletMoveInput = z.input<typeof walletMoveSchema>;

export interface WalletMoved {
  transactionId: string;
  existed: boolean;
  balance: WalletBalance;
}

/** Who may move money for this operator, and through what. */
function checkDoor(actor: OperatorActor, direction: "IN" | "OUT", via: "CASH" | "BANK_TRANSFER" | "WALLET") {
  if (isStaff(actor.role)) {
    if (!can(actor, direction === "IN" ? "billing:collect" : "billing:manage")) {
      throw new AppError("FORBIDDEN", { userMessage: direction === "IN" ? "You cannot take money for the ISP." : "Only the ISP's owner or admins pay money out of a wallet." });
    }
    if (via === "WALLET") throw new AppError("VALIDATION", { fieldErrors: { via: ["Choose cash or bank transfer."] } });
    return;
  }
  if (!can(actor, "subresellers:manage")) throw new AppError("FORBIDDEN", { userMessage: "You cannot move money between wallets." });
  if (via !== "WALLET") throw new AppError("VALIDATION", { fieldErrors: { via: ["Resellers move money from their own wallet."] } });
}

export async function moveWalletMoney(actor: OperatorActor, input: WalletMoveInput): Promise<WalletMoved> {
  const data = walletMoveSchema.parse(input);
  checkDoor(actor, data.direction, data.via);
  return withTenant(actor.tenantId, async (tx) => {
    const target = await resellerTarget(tx, actor, data.operatorId, isStaff(actor.role) ? ["RESELLER", "SUB_RESELLER"] : ["SUB_RESELLER"]);
    const { currency } = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true } });
    const amountMinor = parseAmount(data.amount, currency, { field: "amount" });
    if (amountMinor <= 0n) throw new AppError("VALIDATION", { userMessage: "The amount must be more than zero.", fieldErrors: { amount: ["Must be more than zero."] } });

    const wallet = await walletAccount(tx, actor.tenantId, target, currency);
    let other: string;
    if (data.via === "WALLET") {
      const self = await tx.operator.findUniqueOrThrow({ where: { id: actor.id } });
      other = await walletAccount(tx, actor.tenantId, self, currency);
    } else {
      other = data.via === "CASH" ? await collectorCashAccount(tx, actor.tenantId, actor.id, currency) : await systemAccount(tx, actor.tenantId, "bank", currency);
    }
    // IN: the other side gives (a debit of cash is money received; a debit of the parent's wallet
    // takes from it) and the wallet receives (credit). OUT: the reverse.
    const sign = data.direction === "IN" ? 1n : -1n;
    const legs: Leg[] = [
      { accountId: other, amountMinor: sign * amountMinor },
      { accountId: wallet, amountMinor: -sign * amountMinor },
    ];
    const event = data.via === "WALLET" ? (data.direction === "IN" ? "wallet.transfer-in" : "wallet.transfer-out") : data.direction === "IN" ? "wallet.top-up" : "wallet.pay-out";
    const memo = [data.reference, data.note].filter(Boolean).join(" · ") || null;
    const posted = await postTransaction(tx, actor.tenantId, {
      key: `wallet:${actor.id}:${data.idempotencyKey}`,
      event,
      memo,
      refType: "operator",
      refId: target.id,
      operatorId: target.id,
      legs,
    }).catch((e: unknown) => {
      const message = data.direction === "OUT" ? `${target.name}'s wallet does not hold that much.` : data.via === "WALLET" ? "Your wallet does not hold that much." : "Not enough balance for this.";
      return rewordOverdraft(e, message, { amount: [message] });
    });
    if (!posted.existed) {
      await recordAudit(tx, {
        actor,
        action: `wallet.${data.direction === "IN" ? "in" : "out"}`,
        targetType: "Operator",
        targetId: target.id,
        after: { amountMinor, via: data.via, reference: data.reference, note: data.note, transactionId: posted.transactionId },
      });
    }
    return { transactionId: posted.transactionId, existed: posted.existed, balance: await walletBalance(tx, actor.tenantId, target, currency) };
  });
}

/** The reseller or sub-reseller whose wallet an actor may read: itself, or one it manages. */
export async function walletOwner(tx: Tx, actor: OperatorActor, operatorId: string | null): Promise<Operator> {
  if (!operatorId || operatorId === actor.id) {
    if (actor.role !== "RESELLER" && actor.role !== "SUB_RESELLER") throw new AppError("NOT_FOUND", { userMessage: "Staff have no wallet." });
    return tx.operator.findUniqueOrThrow({ where: { id: actor.id } });
  }
  if (isStaff(actor.role)) {
    if (!can(actor, "billing:view")) throw new AppError("FORBIDDEN");
    return resellerTarget(tx, actor, operatorId, ["RESELLER", "SUB_RESELLER"]);
  }
  if (!can(actor, "subresellers:manage")) throw new AppError("NOT_FOUND", { userMessage: "Operator not found." });
  return resellerTarget(tx, actor, operatorId, ["SUB_RESELLER"]);
}

/** A wallet's balance for the panels: the actor's own (no id) or one it manages. */
export async function getWallet(actor: OperatorActor, operatorId: string | null = null) {
  return withTenant(actor.tenantId, async (tx) => {
    const op = await walletOwner(tx, actor, operatorId);
    const { currency } = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true } });
    return { operator: { id: op.id, name: op.name, role: op.role, billingMode: op.billingMode }, currency, ...(await walletBalance(tx, actor.tenantId, op, currency)) };
  });
}
