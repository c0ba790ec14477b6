// Redeeming a card (docs/vouchers.md, "Redemption"): one conditional UPDATE takes the card from
// sold (or issued) to redeemed for one customer, in the same transaction as the renewal it buys
// (lib/billing/renewals/renew.ts) and its ledger transaction, so of N concurrent redemptions of a
// code exactly one succeeds. A failed attempt is recorded (its own transaction) and counts
// towards the throttle per IP, customer and router; the answer never says why a code failed.
import { z } from "zod";
import type { Actor, OperatorActor } from "@/lib/audit/actor";
import { can } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { systemAccount, type Leg } from "@/lib/ledger";
import { resellerMarginAccount } from "@/lib/resellers/recharge";
import { visibleCustomer } from "@/lib/billing/billing-access";
import { billingContext, lockCustomerForBilling } from "@/lib/billing/billing-context";
import { renewTx, type Renewed } from "@/lib/billing/renewals/renew";
import { codeHash, codeLast, normalizeCode } from "./codes";

/** Failed attempts allowed per IP, customer or router in the window, before refusing. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
const INVALID = "This code is not valid, or was already used.";

export const redeemSchema = z.object({
  customerId: z.uuid("Choose a customer."),
  code: z
    .string()
    .refine((v) => !v.includes("\u0000"), "Type the code on the card.")
    .transform(normalizeCode)
    .pipe(z.string().min(6, "Type the code on the card.").max(40, "Type the code on the card.")),
});
export type RedeemInput = z.input<typeof redeemSchema>;

export interface Attempt {
  ip?: string | null;
  routerId?: string | null;
}

async function throttled(tenantId: string, customerId: string, attempt: Attempt): Promise<boolean> {
  const since = new Date(Date.now() - FAILURE_WINDOW_MS);
  return withTenant(tenantId, async (tx) => {
    const [row] = await tx.$queryRaw<{ by_ip: bigint; by_customer: bigint; by_router: bigint }[]>`
      SELECT count(*) FILTER (WHERE ip = ${attempt.ip ?? null}::text)::bigint AS by_ip,
             count(*) FILTER (WHERE customer_id = ${customerId}::uuid)::bigint AS by_customer,
             count(*) FILTER (WHERE router_id = ${attempt.routerId ?? null}::uuid)::bigint AS by_router
        FROM voucher_attempts WHERE tenant_id = ${tenantId}::uuid AND at >= ${since}`;
    return Number(row!.by_ip) >= MAX_FAILURES || Number(row!.by_customer) >= MAX_FAILURES || Number(row!.by_router) >= MAX_FAILURES;
  });
}

async function recordFailure(tenantId: string, customerId: string, code: string, reason: string, attempt: Attempt) {
  await withTenant(tenantId, (tx) =>
    tx.voucherAttempt.create({ data: { tenantId, customerId, ip: attempt.ip ?? null, routerId: attempt.routerId ?? null, codeLast: codeLast(code).slice(-2), reason } }),
  );
  console.warn(`[vouchers] failed redemption in tenant ${tenantId}: ${reason} (customer ${customerId}, ip ${attempt.ip ?? "-"})`);
}

/** The card's money: what its owner paid (liability) or the ISP sold it for (cash), and the margin. */
async function voucherFunding(tx: Tx, tenantId: string, currency: string, batch: { ownerId: string | null; costMinor: bigint }) {
  const liability = await systemAccount(tx, tenantId, "voucherLiability", currency);
  const cash = await systemAccount(tx, tenantId, "cash", currency);
  const margin = await resellerMarginAccount(tx, tenantId, currency);
  return (priceMinor: bigint): Leg[] => {
    // The ISP's own card: sold over the counter, its price taken in cash then.
    if (!batch.ownerId) return [{ accountId: cash, amountMinor: priceMinor }];
    const legs: Leg[] = [{ accountId: liability, amountMinor: batch.costMinor }];
    if (priceMinor !== batch.costMinor) legs.push({ accountId: margin, amountMinor: priceMinor - batch.costMinor });
    return legs;
  };
}

/** Redeems a card for a customer inside the caller's transaction; null when the code is not redeemable. */
export async function redeemTx(tx: Tx, tenantId: string, customerId: string, code: string, actor: Actor, operatorId: string | null): Promise<(Renewed & { serial: bigint }) | { failed: string }> {
  await lockCustomerForBilling(tx, tenantId, customerId);
  const hash = codeHash(tenantId, code);
  const now = new Date();
  const [card] = await tx.$queryRaw<{ id: string; serial: bigint; batch_id: string }[]>`
    UPDATE vouchers v SET state = 'REDEEMED', redeemed_at = ${now}, customer_id = ${customerId}::uuid
      FROM voucher_batches b
     WHERE v.tenant_id = ${tenantId}::uuid AND v.code_hash = ${hash} AND v.state IN ('ISSUED', 'SOLD')
       AND b.id = v.batch_id AND b.tenant_id = v.tenant_id AND b.status = 'READY'
       AND (b.card_expires_at IS NULL OR b.card_expires_at > ${now})
    RETURNING v.id, v.serial, v.batch_id`;
  if (!card) {
    const found = await tx.voucher.findUnique({ where: { tenantId_codeHash: { tenantId, codeHash: new Uint8Array(hash) } }, select: { state: true } });
    return { failed: found ? `card ${found.state.toLowerCase()}` : "no such code" };
  }
  const batch = await tx.voucherBatch.findUniqueOrThrow({ where: { id: card.batch_id } });
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
  // A card buys its package: a customer on no package takes it; one on another package is refused.
  if (customer.packageId && customer.packageId !== batch.packageId) {
    const pkg = await tx.package.findUniqueOrThrow({ where: { id: batch.packageId } });
    throw new AppError("VALIDATION", { userMessage: `This card is for ${pkg.name}: change the customer's package first.`, fieldErrors: { code: [`A card for ${pkg.name}.`] } });
  }
  if (!customer.packageId) await tx.customer.update({ where: { id: customerId }, data: { packageId: batch.packageId } });
  const ctx = await billingContext(tx, tenantId);
  const legs = await voucherFunding(tx, tenantId, ctx.currency, batch);
  const renewed = await renewTx(tx, ctx, {
    customerId,
    payWith: "VOUCHER",
    key: `voucher:${card.id}`,
    operatorId,
    actor,
    reference: `Card ${card.serial}`,
    funding: { legs: (priceMinor) => legs(priceMinor) },
  });
  await tx.voucher.update({ where: { id: card.id }, data: { paymentId: renewed.payment?.id ?? null } });
  return { ...renewed, serial: card.serial };
}

/** An operator redeems a card on behalf of a customer it can see (staff who collect, resellers for their own). */
export async function redeemVoucher(actor: OperatorActor, input: RedeemInput, attempt: Attempt = {}) {
  if (!can(actor, "billing:collect") && !can(actor, "customers:manage")) throw new AppError("FORBIDDEN");
  const data = redeemSchema.parse(input);
  await withTenant(actor.tenantId, (tx) => visibleCustomer(tx, actor, data.customerId));
  if (await throttled(actor.tenantId, data.customerId, attempt)) {
    throw new AppError("RATE_LIMITED", { userMessage: "Too many wrong codes: wait 15 minutes and try again." });
  }
  const result = await withTenant(actor.tenantId, (tx) => redeemTx(tx, actor.tenantId, data.customerId, data.code, actor, actor.id));
  if ("failed" in result) {
    await recordFailure(actor.tenantId, data.customerId, data.code, result.failed, attempt);
    throw new AppError("VALIDATION", { userMessage: INVALID, fieldErrors: { code: [INVALID] } });
  }
  return result;
}
