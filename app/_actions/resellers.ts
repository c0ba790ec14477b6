"use server";

// The resellers' money forms: wallet top-ups and pay-outs, moves to a sub-reseller, recharges
// from the wallet, commission payouts. Each calls one lib/resellers service.
import { operatorAction } from "@/lib/next/operator-action";
import { moveWalletMoney, type WalletMoveInput } from "@/lib/resellers/wallets";
import { rechargeCustomer, type RechargeInput } from "@/lib/resellers/recharge";
import { payOutCommission, type PayoutInput } from "@/lib/resellers/commissions";

const OPERATOR_PAGES = ["/admin/operators/[id]", "/reseller/sub-resellers/[id]", "/reseller/wallet", "/reseller", "/admin/billing/commissions"];

export const moveWalletMoneyAction = operatorAction((actor, input) => moveWalletMoney(actor, input as unknown as WalletMoveInput), {
  revalidate: OPERATOR_PAGES,
  successMessage: "Wallet updated.",
});

export const rechargeAction = operatorAction((actor, input) => rechargeCustomer(actor, input as unknown as RechargeInput), {
  revalidate: ["/reseller/customers/[id]", "/reseller/customers", "/reseller/wallet", "/reseller"],
  successMessage: "Recharged: the customer's expiry is extended and your wallet debited.",
});

export const payOutCommissionAction = operatorAction((actor, input) => payOutCommission(actor, input as unknown as PayoutInput), {
  revalidate: OPERATOR_PAGES,
  successMessage: "Commission paid out.",
});
