// The wallet under fire: 1,000 recharges at once against a wallet that covers 600. Exactly 600
// succeed, every other one is refused in the reseller's words, the wallet ends at zero (never
// below), and the trial balance stays 0. The guard is PostgreSQL's (the no-overdraft CHECK on the
// wallet's locked balance update inside ledger_post), not a read in the application.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { reconcileLedger } from "@/lib/ledger";
import { insertCustomersInBulk, makeOperator, makePackage, makeTenant } from "@/lib/testing/factories";
import { rechargeCustomer } from "./recharge";
import { getWallet, moveWalletMoney } from "./wallets";

// 10 clients submit them at once, each its next one as soon as the last is answered: as many as
// the process's pool has connections, so none waits for a connection however slow the machine
// (CI runs many test files at once). With 50 clients on a quiet machine: docs/benchmarks.md.
const CLIENTS = Number(process.env.RECHARGE_CLIENTS ?? 10);

const RECHARGES = Number(process.env.RECHARGES ?? 1_000);
const COVERED = Math.round(RECHARGES * 0.6);

describe("concurrent recharges", () => {
  it(`${RECHARGES} from ${CLIENTS} concurrent clients against a wallet that covers ${COVERED}: exactly ${COVERED} succeed, the wallet never goes below zero`, { timeout: 600_000 }, async () => {
    const t = await makeTenant();
    const reseller = await makeOperator(t.owner, "RESELLER");
    const pkg = await makePackage(t.owner, { price: "100", resellerPrice: "80", resellerVisible: true, validityValue: 1, validityUnit: "DAY" });
    const tag = randomUUID().slice(0, 6);
    await insertCustomersInBulk(t.tenantId, RECHARGES, { username: `rc${tag}-%s`, name: "Recharge %s", operatorId: reseller.id });
    await withSystem("test: customers on the package", (tx) => tx.$executeRaw`UPDATE customers SET package_id = ${pkg.id}::uuid WHERE tenant_id = ${t.tenantId}::uuid`);
    const ids = (await withTenant(t.tenantId, (tx) => tx.customer.findMany({ where: { tenantId: t.tenantId }, select: { id: true } }))).map((c) => c.id);
    expect(ids).toHaveLength(RECHARGES);
    await moveWalletMoney(t.owner, { operatorId: reseller.id, direction: "IN", via: "CASH", amount: String(80 * COVERED), idempotencyKey: randomUUID() });

    const started = Date.now();
    const results: PromiseSettledResult<unknown>[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < ids.length) {
          const customerId = ids[next++]!;
          results.push(...(await Promise.allSettled([rechargeCustomer(reseller.actor, { customerId, idempotencyKey: randomUUID() })])));
        }
      }),
    );
    const ms = Date.now() - started;
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    const unexpected = refused.filter((r) => !(r.reason instanceof AppError && r.reason.code === "CONFLICT" && /wallet/i.test(r.reason.userMessage)));
    expect(unexpected.map((r) => (r.reason instanceof Error ? r.reason.message : String(r.reason)).slice(0, 600))).toEqual([]);
    expect(ok).toHaveLength(COVERED);
    expect(refused).toHaveLength(RECHARGES - COVERED);

    const wallet = await getWallet(reseller.actor);
    expect(wallet.balanceMinor).toBe(0n);
    const payments = await withTenant(t.tenantId, (tx) => tx.payment.count({ where: { tenantId: t.tenantId, method: "RESELLER_WALLET" } }));
    expect(payments).toBe(COVERED);
    const extended = await withTenant(t.tenantId, (tx) => tx.customer.count({ where: { tenantId: t.tenantId, expiresAt: { not: null } } }));
    expect(extended).toBe(COVERED);
    const books = await withTenant(t.tenantId, (tx) => reconcileLedger(tx, t.tenantId));
    expect(books.ok).toBe(true);
    console.log(`[recharges] ${RECHARGES} from ${CLIENTS} concurrent clients, ${ok.length} succeeded, ${refused.length} refused, ${ms} ms`);
  });
});
