// A card's life after it is made, against PostgreSQL and the real FreeRADIUS: hotspot login with
// the code as username (time from first use, the package's speed and data, the first device's
// MAC), the money of hotspot uses, expiry and revocation (a reseller's refunded to its wallet),
// each posted once however often the job runs.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { reconcileLedger } from "@/lib/ledger";
import { fundWallet, makeCustomer, makeOperator, makePackage, makeRouter, makeTenant } from "@/lib/testing/factories";
import { getWallet } from "@/lib/resellers/wallets";
import { freeradiusInstalled } from "@/lib/radius/server/run-freeradius";
import { sharedTestFreeradius } from "@/lib/radius/testing/freeradius-fixture";
import { chapAttributes, papAttributes, sendRadius, type RadiusAttribute } from "@/lib/radius/testing/radius-client";
import { codeHash, displayCode, voucherKeyHex } from "./codes";
import { chunksOf, createVoucherBatch, finishBatch, generateChunk } from "./batches";
import { redeemVoucher } from "./redeem";
import { readBatchCards } from "./sheets";
import { expireCards, revokeVouchers, settleHotspotCards, tenantsWithVoucherWork } from "./lifecycle";
import { getVoucherBatch } from "./batch-detail";

type PackageOverrides = Parameters<typeof makePackage>[1];

async function hotspotBatch(opts: { quantity?: number; lockMac?: boolean; pkg?: PackageOverrides; owner?: "reseller" | "isp"; cardExpiresOn?: string } = {}) {
  const t = await makeTenant();
  const reseller = await makeOperator(t.owner, "RESELLER");
  const pkg = await makePackage(t.owner, { name: "Hotspot 3h", price: "50", resellerPrice: "40", resellerVisible: true, validityValue: 3, validityUnit: "HOUR", connectionTypes: ["HOTSPOT"], rateDown: "5M", rateUp: "1M", ...opts.pkg });
  await fundWallet(t.owner, reseller.id, "10000");
  const quantity = opts.quantity ?? 5;
  const common = { packageId: pkg.id, quantity, codeLength: 10, idempotencyKey: randomUUID(), lockMac: opts.lockMac, cardExpiresOn: opts.cardExpiresOn };
  const batch = opts.owner === "isp" ? await createVoucherBatch(t.owner, common) : await createVoucherBatch(reseller.actor, common);
  for (let k = 0; k < chunksOf(quantity); k++) await generateChunk(t.tenantId, batch.id, k);
  await finishBatch(t.tenantId, batch.id);
  const { cards } = await readBatchCards(opts.owner === "isp" ? t.owner : reseller.actor, batch.id, "csv");
  return { t, reseller, pkg, batch, cards };
}

const balanced = async (tenantId: string) => (await withTenant(tenantId, (tx) => reconcileLedger(tx, tenantId))).ok;
const accountBalance = (tenantId: string, code: string) =>
  withTenant(tenantId, async (tx) => {
    const [row] = await tx.$queryRaw<{ b: bigint }[]>`SELECT coalesce(sum(e.amount_minor), 0)::bigint AS b FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE a.tenant_id = ${tenantId}::uuid AND a.code = ${code}`;
    return row!.b;
  });
const card = (tenantId: string, code: string) => withTenant(tenantId, (tx) => tx.voucher.findUniqueOrThrow({ where: { tenantId_codeHash: { tenantId, codeHash: new Uint8Array(codeHash(tenantId, code)) } } }));

describe("the database hashes a typed code as the app does", () => {
  it("whatever the case, spaces and dashes", async () => {
    const t = await makeTenant();
    const [row] = await withSystem("test: voucher_code_hash", (tx) =>
      tx.$queryRaw<{ h: Buffer }[]>`SELECT voucher_code_hash(${t.tenantId}::uuid, ${"net-7kq2 x9mp"}, decode(${voucherKeyHex()}, 'hex')) AS h`,
    );
    expect(Buffer.from(row!.h).equals(codeHash(t.tenantId, "NET7KQ2X9MP"))).toBe(true);
  });
});

const server = sharedTestFreeradius();

describe.runIf(freeradiusInstalled() || process.env.CI)("hotspot cards through FreeRADIUS", () => {
  const send = (attrs: RadiusAttribute[], router: { nasIp: string; secret: string }, mac = "AA:BB:CC:00:11:22") =>
    sendRadius("Access-Request", [...attrs, ["NAS-IP-Address", router.nasIp], ["Calling-Station-Id", mac]], { port: server().authPort, secret: router.secret, from: router.nasIp, timeoutMs: 1500 });

  it("the code is the username: the first login starts the card's time and gives the package's speed; the money is settled once", async () => {
    const { t, batch, cards } = await hotspotBatch();
    const router = await makeRouter(t.owner);
    const code = cards[0]!.code;
    const first = await send(chapAttributes(code, code), router);
    expect(first?.code).toBe("Access-Accept");
    expect(first?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Rate-Limit": "1M/5M" });
    expect(first?.attributes["Session-Timeout"]).toBeGreaterThan(3 * 3600 - 30);
    const used = await card(t.tenantId, code);
    expect(used).toMatchObject({ state: "REDEEMED", customerId: null, mac: null });
    expect(used.endsAt!.getTime() - used.firstUsedAt!.getTime()).toBe(3 * 3600_000);
    // As printed (dashes, lower case) it is the same card, already running: the time does not restart.
    const again = await send(papAttributes(displayCode(code).toLowerCase(), displayCode(code).toLowerCase()), router);
    expect(again?.code).toBe("Access-Accept");
    expect((await card(t.tenantId, code)).firstUsedAt).toEqual(used.firstUsedAt);
    // A wrong password, an unknown code, a card of another ISP's router: rejected.
    expect((await send(papAttributes(code, "nope"), router))?.code).toBe("Access-Reject");
    expect((await send(papAttributes("NOSUCHCODE99", "NOSUCHCODE99"), router))?.code).toBe("Access-Reject");
    const other = await makeTenant();
    const otherRouter = await makeRouter(other.owner);
    expect((await send(papAttributes(cards[1]!.code, cards[1]!.code), otherRouter))?.code).toBe("Access-Reject");
    expect((await card(t.tenantId, cards[1]!.code)).state).toBe("SOLD");

    // The card left the voucher liability for revenue at what the reseller paid, once.
    const liabilityBefore = await accountBalance(t.tenantId, "voucher_liability");
    expect(await tenantsWithVoucherWork()).toContain(t.tenantId);
    expect(await settleHotspotCards(t.tenantId)).toBe(1);
    expect(await settleHotspotCards(t.tenantId)).toBe(0);
    expect((await accountBalance(t.tenantId, "voucher_liability")) - liabilityBefore).toBe(40_00n);
    expect(await balanced(t.tenantId)).toBe(true);
    const detail = await getVoucherBatch(t.owner, batch.id);
    expect(detail.counts).toMatchObject({ SOLD: 4, REDEEMED: 1 });
    expect(detail.hotspotRunning).toBe(1);
    // A card used on the hotspot cannot then be redeemed for a customer.
    const customer = (await makeCustomer(t.owner, { username: `c${randomUUID().slice(0, 8)}` }))!;
    expect(toAppError(await redeemVoucher(t.owner, { customerId: customer.id, code }).catch((e: unknown) => e)).code).toBe("VALIDATION");
  });

  it("a card locked to its first device refuses another; a run-out card and a used-up card are refused with the reason", async () => {
    const { t, cards } = await hotspotBatch({ lockMac: true, pkg: { dataCapGb: "1", dataCapAction: "CUT_OFF" } });
    const router = await makeRouter(t.owner);
    const [a, b] = [cards[0]!.code, cards[1]!.code];
    const first = await send(papAttributes(a, a), router, "aa-bb-cc-dd-ee-01");
    expect(first?.code).toBe("Access-Accept");
    expect(first?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Total-Limit": 1_000_000_000 % 2 ** 32, "Mikrotik-Total-Limit-Gigawords": 0 });
    expect((await card(t.tenantId, a)).mac).toBe("AABBCCDDEE01");
    expect((await send(papAttributes(a, a), router, "AA:BB:CC:DD:EE:01"))?.code).toBe("Access-Accept");
    const elsewhere = await send(papAttributes(a, a), router, "AA:BB:CC:DD:EE:02");
    expect(elsewhere?.code).toBe("Access-Reject");
    expect(elsewhere?.attributes["Reply-Message"]).toBe("This card is in use on another device.");

    // The data: what the sessions used counts against the cap.
    const session = randomUUID();
    await sendRadius("Accounting-Request", [["User-Name", a], ["Acct-Status-Type", "Stop"], ["Acct-Session-Id", session], ["NAS-IP-Address", router.nasIp], ["Acct-Session-Time", 20], ["Acct-Input-Octets", 600_000_000], ["Acct-Output-Octets", 400_000_000]], {
      port: server().acctPort,
      secret: router.secret,
      from: router.nasIp,
    });
    const usedUp = await send(papAttributes(a, a), router, "AA:BB:CC:DD:EE:01");
    expect(usedUp?.code).toBe("Access-Reject");
    expect(usedUp?.attributes["Reply-Message"]).toBe("This card's data is used up.");

    // Time: a card whose time ended is refused.
    expect((await send(papAttributes(b, b), router, "AA:BB:CC:DD:EE:03"))?.code).toBe("Access-Accept");
    await withSystem("test: the card's time ends", (tx) => tx.$executeRaw`UPDATE vouchers SET ends_at = now() - interval '1 second' WHERE tenant_id = ${t.tenantId}::uuid AND code_hash = ${codeHash(t.tenantId, b)}`);
    const ran = await send(papAttributes(b, b), router, "AA:BB:CC:DD:EE:03");
    expect(ran?.code).toBe("Access-Reject");
    expect(ran?.attributes["Reply-Message"]).toBe("This card has run out.");
  });

  it("a device that typed 10 wrong codes in 15 minutes is refused even a good one; other devices are not", async () => {
    const { t, cards } = await hotspotBatch();
    const router = await makeRouter(t.owner);
    const guesser = "AA:BB:CC:DD:EE:99";
    for (let i = 0; i < 10; i++) expect((await send(papAttributes(`GUESS${i}XYZW`, `GUESS${i}XYZW`), router, guesser))?.code).toBe("Access-Reject");
    const held = await send(papAttributes(cards[0]!.code, cards[0]!.code), router, guesser);
    expect(held?.code).toBe("Access-Reject");
    expect(held?.attributes["Reply-Message"]).toBe("Too many wrong codes: wait 15 minutes.");
    expect((await card(t.tenantId, cards[0]!.code)).state).toBe("SOLD");
    expect((await send(papAttributes(cards[0]!.code, cards[0]!.code), router, "AA:BB:CC:DD:EE:98"))?.code).toBe("Access-Accept");
  });

  it("a card of a package without hotspot does not log in; a customer's username still wins over a code", async () => {
    const { t, cards } = await hotspotBatch({ pkg: { connectionTypes: ["PPPOE"] } });
    const router = await makeRouter(t.owner);
    expect((await send(papAttributes(cards[0]!.code, cards[0]!.code), router))?.code).toBe("Access-Reject");
    expect((await card(t.tenantId, cards[0]!.code)).state).toBe("SOLD");
    const code = cards[1]!.code;
    const pkg = await makePackage(t.owner, { rateDown: "20M", rateUp: "5M" });
    await makeCustomer(t.owner, { username: code, password: "customer-pw", packageId: pkg.id });
    expect((await send(papAttributes(code, code), router))?.code).toBe("Access-Reject");
    expect((await send(papAttributes(code, "customer-pw"), router))?.code).toBe("Access-Accept");
  });
});

describe("expiry", () => {
  it("unused cards past the batch's expiry expire; a reseller's price becomes revenue once; expired cards do not redeem", async () => {
    const { t, batch, cards } = await hotspotBatch({ quantity: 4, cardExpiresOn: "2099-12-31" });
    const customer = (await makeCustomer(t.owner, { username: `e${randomUUID().slice(0, 8)}` }))!;
    await redeemVoucher(t.owner, { customerId: customer.id, code: cards[0]!.code });
    await withSystem("test: the batch's cards expire", (tx) => tx.$executeRaw`UPDATE voucher_batches SET card_expires_at = now() - interval '1 minute' WHERE id = ${batch.id}::uuid`);
    const revenueBefore = await accountBalance(t.tenantId, "revenue");
    expect(await tenantsWithVoucherWork()).toContain(t.tenantId);
    expect(await expireCards(t.tenantId)).toBe(3);
    expect(await expireCards(t.tenantId)).toBe(0);
    expect((await accountBalance(t.tenantId, "revenue")) - revenueBefore).toBe(-3n * 40_00n);
    expect((await card(t.tenantId, cards[0]!.code)).state).toBe("REDEEMED");
    expect((await card(t.tenantId, cards[1]!.code)).state).toBe("EXPIRED");
    expect(toAppError(await redeemVoucher(t.owner, { customerId: customer.id, code: cards[1]!.code }).catch((e: unknown) => e)).code).toBe("VALIDATION");
    expect(await balanced(t.tenantId)).toBe(true);
  });
});

describe("revocation", () => {
  it("the owning reseller revokes a range: those cards stop working and what it paid returns to its wallet, once", async () => {
    const { t, reseller, batch, cards } = await hotspotBatch({ quantity: 6 });
    const before = (await getWallet(reseller.actor)).balanceMinor;
    const from = String(batch.serialStart + 1n);
    const to = String(batch.serialStart + 3n);
    expect(await revokeVouchers(reseller.actor, { batchId: batch.id, fromSerial: from, toSerial: to, reason: "stolen from the shop" })).toEqual({ revoked: 3, refundedMinor: 120_00n });
    expect((await getWallet(reseller.actor)).balanceMinor - before).toBe(120_00n);
    const again = toAppError(await revokeVouchers(reseller.actor, { batchId: batch.id, fromSerial: from, toSerial: to, reason: "again" }).catch((e: unknown) => e));
    expect(again.code).toBe("CONFLICT");
    expect((await getWallet(reseller.actor)).balanceMinor - before).toBe(120_00n);
    expect((await card(t.tenantId, cards[1]!.code)).state).toBe("REVOKED");
    expect((await card(t.tenantId, cards[0]!.code)).state).toBe("SOLD");
    const customer = (await makeCustomer(t.owner, { username: `r${randomUUID().slice(0, 8)}` }))!;
    expect(toAppError(await redeemVoucher(t.owner, { customerId: customer.id, code: cards[2]!.code }).catch((e: unknown) => e)).code).toBe("VALIDATION");
    // The rest of the batch, used cards untouched: the ISP's admin revokes what is left.
    await redeemVoucher(t.owner, { customerId: customer.id, code: cards[0]!.code });
    expect((await revokeVouchers(t.owner, { batchId: batch.id, reason: "reseller left" })).revoked).toBe(2);
    expect(await balanced(t.tenantId)).toBe(true);
  });

  it("says which field is wrong, and refuses another reseller and the ISP's staff without billing rights", async () => {
    const { t, batch } = await hotspotBatch({ quantity: 2 });
    const bad = toAppError(await revokeVouchers(t.owner, { batchId: batch.id, fromSerial: "5", toSerial: "", reason: "x" }).catch((e: unknown) => e));
    expect(bad.fieldErrors).toMatchObject({ toSerial: ["Both ends of the range, or neither."], reason: ["Say why (lost, stolen, not paid...)."] });
    const nul = toAppError(await revokeVouchers(t.owner, { batchId: batch.id, reason: "lost\u0000" }).catch((e: unknown) => e));
    expect(nul.fieldErrors?.reason).toEqual(["Plain text only."]);
    const stranger = await makeOperator(t.owner, "RESELLER");
    expect(toAppError(await revokeVouchers(stranger.actor, { batchId: batch.id, reason: "not mine" }).catch((e: unknown) => e)).code).toBe("NOT_FOUND");
    const manager = await makeOperator(t.owner, "MANAGER");
    expect(toAppError(await revokeVouchers(manager.actor, { batchId: batch.id, reason: "not allowed" }).catch((e: unknown) => e)).code).toBe("FORBIDDEN");
  });
});
