"use server";

// The voucher forms: make (buy) a batch, redeem a card for a customer.
import { operatorAction } from "@/lib/next/operator-action";
import { createVoucherBatch, type BatchInput } from "@/lib/vouchers/batches";
import { redeemVoucher, type RedeemInput } from "@/lib/vouchers/redeem";
import { requestIp } from "@/lib/next/request-ip";

export const createVoucherBatchAction = operatorAction((actor, input) => createVoucherBatch(actor, input as unknown as BatchInput), {
  revalidate: ["/admin/vouchers", "/reseller/vouchers", "/reseller/wallet", "/reseller"],
  successMessage: "The batch is being made: its cards appear as the bar fills.",
});

export const redeemVoucherAction = operatorAction(async (actor, input) => redeemVoucher(actor, input as unknown as RedeemInput, { ip: await requestIp() }), {
  revalidate: ["/admin/customers/[id]", "/reseller/customers/[id]"],
  successMessage: "Card redeemed: the customer's expiry is extended.",
});
