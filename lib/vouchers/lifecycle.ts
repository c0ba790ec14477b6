// The rest of a card's life (docs/vouchers.md, "Expiry and revocation" and "Hotspot login"): cards
// past their batch's expiry become expired, unused cards can be revoked, and cards used on a
// hotspot by themselves (FreeRADIUS redeems them, migration hotspot_vouchers) leave the books.
// Each state change and its ledger transaction are one database transaction; the conditional
// UPDATE decides which cards move, so a rerun or a concurrent run moves nothing twice.
//
// The money: a reseller's card was paid from its wallet into the voucher liability when the batch
// was bought. Used on a hotspot or expired, that price becomes the ISP's revenue; revoked, it goes
// back to the wallet. The ISP's own cards were sold over the counter: a hotspot use books their
// face price as cash taken; expiry and revocation of those move no money.
import { z } from "zod";
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { withSystem, withTenant, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { postTransaction, systemAccount, type Leg } from "@/lib/ledger";
import { walletAccount } from "@/lib/resellers/wallet-account";
import { optionalText } from "@/lib/resellers/form-text";
import { visibleBatch } from "./sheets";

interface Moved {
  batch_id: string;
  ids: string[];
  first_serial: bigint;
  last_serial: bigint;
}

type Outcome = "expire" | "hotspot" | "revoke";

/** Posts the money of cards of one batch that moved together, and marks them settled. */
async function settleMoved(tx: Tx, tenantId: string, outcome: Outcome, moved: Moved, operatorId: string | null): Promise<string | null> {
  const batch = await tx.voucherBatch.findFirstOrThrow({ where: { id: moved.batch_id, tenantId } });
  const n = BigInt(moved.ids.length);
  let legs: Leg[] | null = null;
  const revenue = () => systemAccount(tx, tenantId, "revenue", batch.currency);
  const liability = () => systemAccount(tx, tenantId, "voucherLiability", batch.currency);
  if (batch.ownerId) {
    const amount = batch.costMinor * n;
    if (outcome === "revoke") {
      const owner = await tx.operator.findFirstOrThrow({ where: { id: batch.ownerId, tenantId } });
      legs = [
        { accountId: await liability(), amountMinor: amount },
        { accountId: await walletAccount(tx, tenantId, owner, batch.currency), amountMinor: -amount },
      ];
    } else {
      legs = [
        { accountId: await liability(), amountMinor: amount },
        { accountId: await revenue(), amountMinor: -amount },
      ];
    }
  } else if (outcome === "hotspot") {
    const amount = batch.faceMinor * n;
    legs = [
      { accountId: await systemAccount(tx, tenantId, "cash", batch.currency), amountMinor: amount },
      { accountId: await revenue(), amountMinor: -amount },
    ];
  }
  if (!legs || legs[0]!.amountMinor === 0n) return null;
  const range = moved.first_serial === moved.last_serial ? `card ${moved.first_serial}` : `${moved.ids.length} cards ${moved.first_serial}-${moved.last_serial}`;
  const what = { expire: "expired unused", hotspot: "used on a hotspot", revoke: "revoked, refunded to the wallet" }[outcome];
  const posted = await postTransaction(tx, tenantId, {
    // The cards that moved are this set and no other: the smallest id names it.
    key: `voucher-${outcome}:${moved.batch_id}:${[...moved.ids].sort()[0]}:${moved.ids.length}`,
    event: `voucher.${outcome}`,
    memo: `Voucher batch ${batch.number}: ${range} ${what}`,
    refType: "voucher_batch",
    refId: batch.id,
    operatorId,
    legs,
  });
  await tx.$executeRaw`UPDATE vouchers SET settled_transaction_id = ${posted.transactionId}::uuid WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${moved.ids}::uuid[])`;
  return posted.transactionId;
}

/** Unused cards whose batch's card expiry has passed become expired. Returns how many. */
export async function expireCards(tenantId: string, now = new Date()): Promise<number> {
  return withTenant(tenantId, async (tx) => {
    const moved = await tx.$queryRaw<Moved[]>`
      WITH m AS (
        UPDATE vouchers v SET state = 'EXPIRED'
          FROM voucher_batches b
         WHERE v.tenant_id = ${tenantId}::uuid AND b.tenant_id = v.tenant_id AND b.id = v.batch_id
           AND b.card_expires_at <= ${now} AND v.state IN ('GENERATED', 'ISSUED', 'SOLD')
        RETURNING v.id, v.batch_id, v.serial)
      SELECT batch_id, array_agg(id::text) AS ids, min(serial) AS first_serial, max(serial) AS last_serial FROM m GROUP BY batch_id`;
    for (const m of moved) await settleMoved(tx, tenantId, "expire", m, null);
    return moved.reduce((n, m) => n + m.ids.length, 0);
  });
}

/** Cards redeemed on a hotspot whose money is not posted yet: posted, batch by batch. Returns how many. */
export async function settleHotspotCards(tenantId: string): Promise<number> {
  return withTenant(tenantId, async (tx) => {
    const moved = await tx.$queryRaw<Moved[]>`
      WITH m AS (
        SELECT id, batch_id, serial FROM vouchers
         WHERE tenant_id = ${tenantId}::uuid AND state = 'REDEEMED' AND first_used_at IS NOT NULL AND settled_transaction_id IS NULL
         FOR UPDATE SKIP LOCKED)
      SELECT batch_id, array_agg(id::text) AS ids, min(serial) AS first_serial, max(serial) AS last_serial FROM m GROUP BY batch_id`;
    for (const m of moved) await settleMoved(tx, tenantId, "hotspot", m, null);
    return moved.reduce((n, m) => n + m.ids.length, 0);
  });
}

/** Tenants with cards to expire or hotspot uses to settle (cross-tenant: system scope). */
export async function tenantsWithVoucherWork(now = new Date()): Promise<string[]> {
  const rows = await withSystem("vouchers: tenants with cards to expire or settle", (tx) =>
    tx.$queryRaw<{ tenant_id: string }[]>`
      SELECT DISTINCT b.tenant_id::text FROM voucher_batches b
       WHERE b.card_expires_at <= ${now}
         AND EXISTS (SELECT 1 FROM vouchers v WHERE v.tenant_id = b.tenant_id AND v.batch_id = b.id AND v.state IN ('GENERATED', 'ISSUED', 'SOLD'))
      UNION
      SELECT DISTINCT tenant_id::text FROM vouchers
       WHERE state = 'REDEEMED' AND first_used_at IS NOT NULL AND settled_transaction_id IS NULL`,
  );
  return rows.map((r) => r.tenant_id);
}

export const revokeSchema = z
  .object({
    batchId: z.uuid("Choose a batch."),
    /** Serials from-to (inclusive); both empty: every unused card of the batch. */
    fromSerial: optionalText(20),
    toSerial: optionalText(20),
    reason: z.string().trim().min(3, "Say why (lost, stolen, not paid...).").max(200, "At most 200 characters.").refine((v) => !v.includes("\u0000"), "Plain text only."),
  })
  .superRefine((v, ctx) => {
    for (const key of ["fromSerial", "toSerial"] as const) {
      if (v[key] && !/^\d{1,15}$/.test(v[key]!)) ctx.addIssue({ code: "custom", path: [key], message: "A serial number." });
    }
    if (Boolean(v.fromSerial) !== Boolean(v.toSerial)) ctx.addIssue({ code: "custom", path: [v.fromSerial ? "toSerial" : "fromSerial"], message: "Both ends of the range, or neither." });
    if (v.fromSerial && v.toSerial && /^\d+$/.test(v.fromSerial) && /^\d+$/.test(v.toSerial) && BigInt(v.fromSerial) > BigInt(v.toSerial)) {
      ctx.addIssue({ code: "custom", path: ["toSerial"], message: "Not before the first serial." });
    }
  });
export type RevokeInput = z.input<typeof revokeSchema>;

/**
 * Revokes a batch's unused cards (all, or a serial range): the ISP's owner and admins, or the
 * reseller that owns the batch. A reseller's revoked cards are refunded to its wallet at what it
 * paid. Used, expired and already revoked cards are left as they are.
 */
export async function revokeVouchers(actor: OperatorActor, input: RevokeInput): Promise<{ revoked: number; refundedMinor: bigint }> {
  const data = revokeSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const batch = await visibleBatch(tx, actor, data.batchId);
    if (!(batch.ownerId === actor.id || can(actor, "billing:manage"))) {
      throw new AppError("FORBIDDEN", { userMessage: "Only the batch's owner, and the ISP's owner or admins, revoke its cards." });
    }
    const from = data.fromSerial ? BigInt(data.fromSerial) : batch.serialStart;
    const to = data.toSerial ? BigInt(data.toSerial) : batch.serialStart + BigInt(batch.quantity) - 1n;
    const now = new Date();
    const moved = await tx.$queryRaw<Moved[]>`
      WITH m AS (
        UPDATE vouchers SET state = 'REVOKED', revoked_at = ${now}
         WHERE tenant_id = ${actor.tenantId}::uuid AND batch_id = ${batch.id}::uuid AND serial BETWEEN ${from} AND ${to}
           AND state IN ('GENERATED', 'ISSUED', 'SOLD')
        RETURNING id, batch_id, serial)
      SELECT batch_id, array_agg(id::text) AS ids, min(serial) AS first_serial, max(serial) AS last_serial FROM m GROUP BY batch_id`;
    const m = moved[0];
    if (!m) throw new AppError("CONFLICT", { userMessage: "No unused card in that range: used, expired and revoked cards stay as they are.", fieldErrors: { fromSerial: ["No unused card here."] } });
    await settleMoved(tx, actor.tenantId, "revoke", m, actor.id);
    const refundedMinor = batch.ownerId ? batch.costMinor * BigInt(m.ids.length) : 0n;
    await recordAudit(tx, {
      actor,
      action: "voucher.revoke",
      targetType: "VoucherBatch",
      targetId: batch.id,
      after: { number: batch.number, cards: m.ids.length, from: m.first_serial.toString(), to: m.last_serial.toString(), refundedMinor: refundedMinor.toString(), reason: data.reason },
    });
    return { revoked: m.ids.length, refundedMinor };
  });
}
