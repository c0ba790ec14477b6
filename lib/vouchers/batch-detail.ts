// One batch as its page shows it: what it is, and how many of its cards are in each state, with
// the cards used on a hotspot (running or run out) and the last redemptions.
import type { OperatorActor } from "@/lib/audit/actor";
import { can } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { visibleBatch } from "./sheets";

export const CARD_STATES = ["GENERATED", "ISSUED", "SOLD", "REDEEMED", "EXPIRED", "REVOKED"] as const;

export interface BatchDetail {
  id: string;
  number: number;
  packageName: string;
  hotspot: boolean;
  quantity: number;
  status: string;
  faceMinor: bigint;
  costMinor: bigint;
  currency: string;
  ownerId: string | null;
  ownerName: string | null;
  cardExpiresAt: Date | null;
  lockMac: boolean;
  serialStart: bigint;
  serialEnd: bigint;
  createdAt: Date;
  counts: Record<(typeof CARD_STATES)[number], number>;
  hotspotRunning: number;
  mayRevoke: boolean;
  recent: { serial: bigint; codeLast: string; state: string; at: Date | null; customerName: string | null; hotspot: boolean }[];
}

export async function getVoucherBatch(actor: OperatorActor, batchId: string): Promise<BatchDetail> {
  if (!can(actor, "billing:view") && actor.role !== "RESELLER" && actor.role !== "SUB_RESELLER") throw new AppError("FORBIDDEN");
  return withTenant(actor.tenantId, async (tx) => {
    const b = await visibleBatch(tx, actor, batchId);
    const [pkg, owner, counts, running, recent] = await Promise.all([
      tx.package.findUniqueOrThrow({ where: { id: b.packageId }, select: { name: true, connectionTypes: true } }),
      b.ownerId ? tx.operator.findUnique({ where: { id: b.ownerId }, select: { name: true } }) : null,
      tx.voucher.groupBy({ by: ["state"], where: { tenantId: actor.tenantId, batchId: b.id }, _count: { _all: true } }),
      tx.voucher.count({ where: { tenantId: actor.tenantId, batchId: b.id, state: "REDEEMED", firstUsedAt: { not: null }, endsAt: { gt: new Date() } } }),
      tx.$queryRaw<{ serial: bigint; code_last: string; state: string; at: Date | null; customer_name: string | null; hotspot: boolean }[]>`
        SELECT v.serial, v.code_last, v.state::text AS state, coalesce(v.redeemed_at, v.revoked_at) AS at, c.name AS customer_name, v.first_used_at IS NOT NULL AS hotspot
          FROM vouchers v LEFT JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.customer_id
         WHERE v.tenant_id = ${actor.tenantId}::uuid AND v.batch_id = ${b.id}::uuid AND v.state IN ('REDEEMED', 'REVOKED')
         ORDER BY coalesce(v.redeemed_at, v.revoked_at) DESC NULLS LAST LIMIT 20`,
    ]);
    const byState = Object.fromEntries(CARD_STATES.map((s) => [s, 0])) as BatchDetail["counts"];
    for (const c of counts) byState[c.state] = c._count._all;
    return {
      id: b.id,
      number: b.number,
      packageName: pkg.name,
      hotspot: pkg.connectionTypes.includes("HOTSPOT"),
      quantity: b.quantity,
      status: b.status,
      faceMinor: b.faceMinor,
      costMinor: b.costMinor,
      currency: b.currency,
      ownerId: b.ownerId,
      ownerName: owner?.name ?? null,
      cardExpiresAt: b.cardExpiresAt,
      lockMac: b.lockMac,
      serialStart: b.serialStart,
      serialEnd: b.serialStart + BigInt(b.quantity) - 1n,
      createdAt: b.createdAt,
      counts: byState,
      hotspotRunning: running,
      mayRevoke: b.ownerId === actor.id || can(actor, "billing:manage"),
      recent: recent.map((r) => ({ serial: r.serial, codeLast: r.code_last, state: r.state, at: r.at, customerName: r.customer_name, hotspot: r.hotspot })),
    };
  });
}
