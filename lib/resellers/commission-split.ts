// How one customer payment is shared (docs/resellers.md, "Commissions"). A reseller's share is a
// share of the payment; a sub-reseller's is a share of its reseller's share. Each part is rounded
// down to the minor unit and the ISP keeps the rest, so the parts always sum to the payment:
// 100.00 paid, reseller 60 %, its sub-reseller 50 %: sub-reseller 30.00, reseller 30.00, ISP 40.00.

export interface ShareHolder {
  operatorId: string;
  /** Basis points (6000 = 60 %). */
  shareBp: number;
}

export interface CommissionSplit {
  ispMinor: bigint;
  /** The commission parts, reseller first, zero parts left out. */
  parts: { operatorId: string; shareBp: number; amountMinor: bigint }[];
}

const BP = 10_000n;

function share(amount: bigint, bp: number): bigint {
  if (!Number.isInteger(bp) || bp < 0 || bp > 10_000) throw new RangeError(`share out of range: ${bp}`);
  return (amount * BigInt(bp)) / BP;
}

/** reseller: the customer's reseller (or the reseller above its sub-reseller); sub: the sub-reseller, if any. */
export function splitCommission(amountMinor: bigint, reseller: ShareHolder | null, sub: ShareHolder | null = null): CommissionSplit {
  if (amountMinor <= 0n) throw new RangeError("a commission is shared out of a positive payment");
  if (!reseller) return { ispMinor: amountMinor, parts: [] };
  const chain = share(amountMinor, reseller.shareBp);
  const subPart = sub ? share(chain, sub.shareBp) : 0n;
  const parts = [
    { operatorId: reseller.operatorId, shareBp: reseller.shareBp, amountMinor: chain - subPart },
    ...(sub ? [{ operatorId: sub.operatorId, shareBp: sub.shareBp, amountMinor: subPart }] : []),
  ].filter((p) => p.amountMinor > 0n);
  return { ispMinor: amountMinor - chain, parts };
}
