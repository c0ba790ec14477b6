// Vouchers against PostgreSQL: codes from the safe alphabet stored as keyed hashes, a reseller
// buying a batch from its wallet, generation in chunks (idempotent), redemption through the
// renewal with its ledger transaction, one winner among concurrent redemptions of a code,
// throttled failures, expired cards.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { reconcileLedger } from "@/lib/ledger";
import { fundWallet, makeCustomer, makeOperator, makePackage, makeTenant } from "@/lib/testing/factories";
import { tenantFingerprint } from "@/lib/testing/authz";
import { getWallet } from "@/lib/resellers/wallets";
import { alphabetProblem, codeHash, DEFAULT_ALPHABET, generateCode, normalizeCode } from "./codes";
import { chunksOf, createVoucherBatch, finishBatch, generateChunk } from "./batches";
import { MAX_FAILURES, redeemVoucher } from "./redeem";
import { exportBatchCsv, readBatchCards } from "./sheets";

describe("voucher codes", () => {
  it("come from the alphabet without misread characters and hash per tenant, whatever the typing", () => {
    expect(alphabetProblem(DEFAULT_ALPHABET)).toBeNull();
    expect(alphabetProblem("ABCDEFGHJK0")).toBe("Use digits 2-9 and capital letters only.");
    expect(alphabetProblem("ABCDEFGHIJK")).toBe("Leave out 0, 1, I, L and O: people misread them.");
    const codes = Array.from({ length: 2_000 }, () => generateCode(DEFAULT_ALPHABET, 12));
    expect(codes.every((c) => c.length === 12 && [...c].every((ch) => DEFAULT_ALPHABET.includes(ch)))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(normalizeCode(" net-7kq2 x9mp ")).toBe("NET7KQ2X9MP");
    expect(codeHash("t1", "net-7kq2").equals(codeHash("t1", "NET7KQ2"))).toBe(true);
    expect(codeHash("t1", "NET7KQ2").equals(codeHash("t2", "NET7KQ2"))).toBe(false);
  });
});

async function makeBatch(quantity: number, opts: { cardExpiresOn?: string } = {}) {
  const t = await makeTenant();
  const reseller = await makeOperator(t.owner, "RESELLER");
  const pkg = await makePackage(t.owner, { name: "Hotspot day", price: "100", resellerPrice: "80", resellerVisible: true, validityValue: 1, validityUnit: "DAY" });
  await fundWallet(t.owner, reseller.id, "100000");
  const batch = await createVoucherBatch(reseller.actor, { packageId: pkg.id, quantity, prefix: "NET", codeLength: 10, idempotencyKey: randomUUID(), ...opts });
  for (let k = 0; k < chunksOf(quantity); k++) await generateChunk(t.tenantId, batch.id, k);
  await finishBatch(t.tenantId, batch.id);
  const { cards } = await readBatchCards(reseller.actor, batch.id, "csv");
  return { t, reseller, pkg, batch, cards };
}

describe("voucher batches", () => {
  it("a reseller buys a batch from its wallet at its price; the cards are made once, hashed, printable", async () => {
    const { t, reseller, batch, cards } = await makeBatch(12);
    expect((await getWallet(reseller.actor)).balanceMinor).toBe(100000_00n - 12n * 80_00n);
    expect(cards).toHaveLength(12);
    expect(cards.every((c) => c.code.startsWith("NET") && c.code.length === 13)).toBe(true);
    // Generating a chunk again makes nothing: the job can be retried.
    expect(await generateChunk(t.tenantId, batch.id, 0)).toEqual({ made: 0 });
    const stored = await withTenant(t.tenantId, (tx) => tx.voucher.findMany({ where: { batchId: batch.id }, orderBy: { serial: "asc" } }));
    expect(stored).toHaveLength(12);
    expect(stored.every((v) => v.state === "SOLD")).toBe(true);
    // Only the hash and the last four characters are stored with the card.
    expect(Buffer.from(stored[0]!.codeHash).equals(codeHash(t.tenantId, cards[0]!.code))).toBe(true);
    expect(stored[0]!.codeLast).toBe(cards[0]!.code.slice(-4));
    const csv = (await exportBatchCsv(reseller.actor, batch.id)).body.toString("utf8");
    expect(csv.split("\n").filter(Boolean)).toHaveLength(13);
    expect((await withTenant(t.tenantId, (tx) => reconcileLedger(tx, t.tenantId))).ok).toBe(true);
  });

  it("a wallet that cannot pay for the cards refuses the batch and writes nothing", async () => {
    const t = await makeTenant();
    const reseller = await makeOperator(t.owner, "RESELLER");
    const pkg = await makePackage(t.owner, { price: "100", resellerPrice: "80", resellerVisible: true });
    await fundWallet(t.owner, reseller.id, "799.99");
    const before = await tenantFingerprint(t.tenantId);
    const e = toAppError(await createVoucherBatch(t.owner, { packageId: pkg.id, quantity: 10, ownerId: reseller.id, idempotencyKey: randomUUID() }).catch((x: unknown) => x));
    expect(e.fieldErrors?.quantity).toEqual(["More than the wallet can pay."]);
    expect(await tenantFingerprint(t.tenantId)).toEqual(before);
  });
});

describe("redemption", () => {
  it("extends the customer through the renewal, pays its invoice from the voucher liability, and works once", async () => {
    const { t, reseller, pkg, cards } = await makeBatch(3);
    const customer = (await makeCustomer(t.owner, { username: `v${randomUUID().slice(0, 8)}` }))!;
    const r = await redeemVoucher(t.owner, { customerId: customer.id, code: cards[0]!.code.toLowerCase() }, { ip: "10.0.0.9" });
    expect(r.customer.packageId).toBe(pkg.id);
    expect(r.customer.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(r.payment).toMatchObject({ method: "VOUCHER", amountMinor: 100_00n });
    const again = toAppError(await redeemVoucher(t.owner, { customerId: customer.id, code: cards[0]!.code }, { ip: "10.0.0.9" }).catch((e: unknown) => e));
    expect(again.userMessage).toBe("This code is not valid, or was already used.");
    const liability = await withTenant(t.tenantId, (tx) => tx.ledgerAccount.findFirstOrThrow({ where: { tenantId: t.tenantId, code: "voucher_liability" } }));
    // Three cards bought at 80, one redeemed: the ISP still owes two.
    expect(-liability.balanceMinor).toBe(2n * 80_00n);
    expect((await withTenant(t.tenantId, (tx) => reconcileLedger(tx, t.tenantId))).ok).toBe(true);
    // The reseller redeems its own card for its own customer too.
    const own = (await makeCustomer(reseller.actor, { username: `w${randomUUID().slice(0, 8)}` }))!;
    await redeemVoucher(reseller.actor, { customerId: own.id, code: cards[1]!.code });
  });

  it("exactly one of 20 concurrent redemptions of a code succeeds", async () => {
    const { t, cards } = await makeBatch(1);
    const customers = await Promise.all(Array.from({ length: 20 }, (_, i) => makeCustomer(t.owner, { username: `race${i}${randomUUID().slice(0, 6)}` })));
    const results = await Promise.allSettled(customers.map((c, i) => redeemVoucher(t.owner, { customerId: c!.id, code: cards[0]!.code }, { ip: `10.1.0.${i}` })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const redeemed = await withTenant(t.tenantId, (tx) => tx.payment.count({ where: { tenantId: t.tenantId, method: "VOUCHER" } }));
    expect(redeemed).toBe(1);
  });

  it(`after ${MAX_FAILURES} wrong codes a customer is throttled, even with a right one; an expired card is refused`, async () => {
    const { t, cards } = await makeBatch(1);
    const customer = (await makeCustomer(t.owner, { username: `g${randomUUID().slice(0, 8)}` }))!;
    for (let i = 0; i < MAX_FAILURES; i++) {
      const e = toAppError(await redeemVoucher(t.owner, { customerId: customer.id, code: `NET${"2".repeat(10)}${i}` }, { ip: "10.2.0.1" }).catch((x: unknown) => x));
      expect(e.code).toBe("VALIDATION");
    }
    const limited = toAppError(await redeemVoucher(t.owner, { customerId: customer.id, code: cards[0]!.code }, { ip: "10.2.0.2" }).catch((x: unknown) => x));
    expect(limited.code).toBe("RATE_LIMITED");
    const attempts = await withTenant(t.tenantId, (tx) => tx.voucherAttempt.findMany({ where: { customerId: customer.id } }));
    expect(attempts.map((a) => a.reason)).toEqual(Array(MAX_FAILURES).fill("no such code"));

    const old = await makeBatch(1, { cardExpiresOn: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10) });
    await withTenant(old.t.tenantId, (tx) => tx.voucherBatch.update({ where: { id: old.batch.id }, data: { cardExpiresAt: new Date(Date.now() - 1000) } }));
    const c2 = (await makeCustomer(old.t.owner, { username: `x${randomUUID().slice(0, 8)}` }))!;
    const expired = toAppError(await redeemVoucher(old.t.owner, { customerId: c2.id, code: old.cards[0]!.code }).catch((x: unknown) => x));
    expect(expired.code).toBe("VALIDATION");
  });
});
