"use server";

// The voucher forms: make (buy) a batch, revoke unused cards, redeem a card for a customer.
import { operatorAction } from "@/lib/next/operator-action";
import { createVoucherBatch, type BatchInput } from "@/lib/vouchers/batches";
import { redeemVoucher, type RedeemInput } from "@/lib/vouchers/redeem";
import { revokeVouchers, type RevokeInput } from "@/lib/vouchers/lifecycle";
import { requestIp } from "@/lib/next/request-ip";

export const createVoucherBatchAction = operatorAction((actor, input) => createVoucherBatch(actor, input as unknown as BatchInput), {
  revalidate: ["/admin/vouchers", "/reseller/vouchers", "/reseller/wallet", "/reseller"],
  successMessage: "The batch is being made: its cards appear as the bar fills.",
});

export const redeemVoucherAction = operatorAction(async (actor, input) => redeemVoucher(actor, input as unknown as RedeemInput, { ip: await requestIp() }), {
  revalidate: ["/admin/customers/[id]", "/reseller/customers/[id]"],
  successMessage: "Card redeemed: the customer's expiry is extended.",
});

export const revokeVouchersAction = operatorAction((actor, input) => revokeVouchers(actor, input as unknown as RevokeInput), {
  revalidate: ["/admin/vouchers/[id]", "/reseller/vouchers/[id]", "/reseller/wallet", "/reseller"],
  successMessage: "Revoked: those cards no longer work.",
});
