// Reseller wallets against PostgreSQL: the ISP tops up, a reseller passes money to its
// sub-reseller, recharges debit the wallet at the reseller's price and extend the customer through
// the billing renewal, an empty wallet or a used-up credit limit refuses with the reseller's words
// and writes nothing, and the statement's running balance matches the books.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { toAppError } from "@/lib/errors";
import { reconcileLedger } from "@/lib/ledger";
import { tenantFingerprint } from "@/lib/testing/authz";
import { makeCustomer, makeOperator, makePackage, makeTenant } from "@/lib/testing/factories";
import { updateOperator } from "@/lib/operators/update-operator";
import { updateCustomer } from "@/lib/customers/update-customer";
import { exportOperatorStatement, getOperatorStatement } from "./operator-statement";
import { rechargeCustomer } from "./recharge";
import { getWallet, moveWalletMoney } from "./wallets";

const key = () => randomUUID();

async function shop() {
  const t = await makeTenant();
  const reseller = await makeOperator(t.owner, "RESELLER", { commissionShare: "60" });
  const sub = await makeOperator(reseller.actor, "SUB_RESELLER", { commissionShare: "50" });
  // Customer price 1,000; resellers pay 800, sub-resellers 900.
  const pkg = await makePackage(t.owner, { name: "Home 10M", price: "1000", resellerPrice: "800", subResellerPrice: "900", resellerVisible: true, validityValue: 30, validityUnit: "DAY" });
  return { t, reseller, sub, pkg };
}
const topUp = (actor: Parameters<typeof moveWalletMoney>[0], operatorId: string, amount: string, via: "CASH" | "BANK_TRANSFER" | "WALLET" = "CASH", direction: "IN" | "OUT" = "IN") =>
  moveWalletMoney(actor, { operatorId, direction, via, amount, idempotencyKey: key() });
const trialBalanceOk = async (tenantId: string) => (await withTenant(tenantId, (tx) => reconcileLedger(tx, tenantId))).ok;

describe("reseller wallets", () => {
  it("the ISP tops up, a double submit moves the money once, the reseller passes some to its sub-reseller", async () => {
    const { t, reseller, sub } = await shop();
    const k = key();
    const first = await moveWalletMoney(t.owner, { operatorId: reseller.id, direction: "IN", via: "CASH", amount: "5,000", reference: "Receipt book 12", idempotencyKey: k });
    const again = await moveWalletMoney(t.owner, { operatorId: reseller.id, direction: "IN", via: "CASH", amount: "5,000", reference: "Receipt book 12", idempotencyKey: k });
    expect(again).toMatchObject({ existed: true, transactionId: first.transactionId });
    expect((await getWallet(reseller.actor)).balanceMinor).toBe(5000_00n);

    await topUp(reseller.actor, sub.id, "1200", "WALLET");
    expect((await getWallet(reseller.actor)).balanceMinor).toBe(3800_00n);
    expect((await getWallet(sub.actor)).balanceMinor).toBe(1200_00n);
    // The reseller reads its sub-reseller's wallet; the sub-reseller cannot read its parent's.
    expect((await getWallet(reseller.actor, sub.id)).balanceMinor).toBe(1200_00n);
    expect(toAppError(await getWallet(sub.actor, reseller.id).catch((e: unknown) => e)).code).toBe("NOT_FOUND");

    // More than the reseller holds: refused in its words, nothing moved.
    const before = await tenantFingerprint(t.tenantId);
    const short = toAppError(await topUp(reseller.actor, sub.id, "3800.01", "WALLET").catch((e: unknown) => e));
    expect(short.userMessage).toBe("Your wallet does not hold that much.");
    expect(await tenantFingerprint(t.tenantId)).toEqual(before);
    // Taking back from the sub-reseller, and the ISP paying money out.
    await topUp(reseller.actor, sub.id, "200", "WALLET", "OUT");
    await topUp(t.owner, reseller.id, "1000", "BANK_TRANSFER", "OUT");
    expect((await getWallet(reseller.actor)).balanceMinor).toBe(3000_00n);
    expect((await getWallet(sub.actor)).balanceMinor).toBe(1000_00n);
    expect(await trialBalanceOk(t.tenantId)).toBe(true);
  });

  it("a recharge debits the wallet at the reseller's price and extends the customer from its expiry", async () => {
    const { t, reseller, pkg } = await shop();
    await topUp(t.owner, reseller.id, "2000");
    const c = (await makeCustomer(reseller.actor, { packageId: pkg.id }))!;
    // The activation was paid from the wallet: 2,000 - 800.
    expect((await getWallet(reseller.actor)).balanceMinor).toBe(1200_00n);
    const firstExpiry = (await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: c.id } }))).expiresAt!;

    const r = await rechargeCustomer(reseller.actor, { customerId: c.id, idempotencyKey: key() });
    expect(r.walletMinor).toBe(400_00n);
    expect(r.customer.expiresAt!.getTime()).toBe(firstExpiry.getTime() + 30 * 86_400_000);
    // The customer's invoice is at its price and paid; the receipt says "reseller wallet".
    expect(r.invoice).toMatchObject({ source: "RENEWAL", totalMinor: 1000_00n });
    expect(r.payment).toMatchObject({ method: "RESELLER_WALLET", amountMinor: 1000_00n, collectedById: reseller.id });
    const invoice = await withTenant(t.tenantId, (tx) => tx.invoice.findUniqueOrThrow({ where: { id: r.invoice.id } }));
    expect(invoice.status).toBe("PAID");
    // The margin (1,000 - 800) is the ISP's cost of selling through the reseller.
    const margin = await withTenant(t.tenantId, (tx) => tx.ledgerAccount.findFirstOrThrow({ where: { tenantId: t.tenantId, code: "reseller_margin" } }));
    expect(margin.balanceMinor).toBe(400_00n);
    expect(await trialBalanceOk(t.tenantId)).toBe(true);
  });

  it("a package given by a reseller starts expired until recharged; paid time is not moved to another package", async () => {
    const { t, reseller, pkg } = await shop();
    await topUp(t.owner, reseller.id, "2000");
    const bare = (await makeCustomer(reseller.actor, {}))!;
    expect((await getWallet(reseller.actor)).balanceMinor).toBe(2000_00n);
    await updateCustomer(reseller.actor, { id: bare.id, packageId: pkg.id });
    const given = await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: bare.id } }));
    expect(given.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const group = await withTenant(t.tenantId, (tx) => tx.radUserGroup.findFirstOrThrow({ where: { username: given.username } }));
    expect(group.groupname).not.toBe(`pkg:${pkg.id}`);
    const r = await rechargeCustomer(reseller.actor, { customerId: bare.id, idempotencyKey: key() });
    expect(r.walletMinor).toBe(1200_00n);
    expect(r.customer.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    // With paid time left, the package stays until it runs out.
    const dearer = await makePackage(t.owner, { price: "5000", resellerVisible: true });
    const e = toAppError(await updateCustomer(reseller.actor, { id: bare.id, packageId: dearer.id }).catch((x: unknown) => x));
    expect(e.fieldErrors?.packageId).toEqual(["The customer has paid time left on its package: change the package when it runs out."]);
  });

  it("an empty wallet refuses a recharge and a new customer with what it holds and what it costs, writing nothing", async () => {
    const { t, reseller, sub, pkg } = await shop();
    await topUp(t.owner, reseller.id, "1000");
    const c = (await makeCustomer(reseller.actor, { packageId: pkg.id }))!;
    const before = await tenantFingerprint(t.tenantId);
    const refused = toAppError(await rechargeCustomer(reseller.actor, { customerId: c.id, idempotencyKey: key() }).catch((e: unknown) => e));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.userMessage).toBe("Your wallet holds KES\u00a0200.00 and this costs you KES\u00a0800.00. Top up your wallet first.");
    expect(await tenantFingerprint(t.tenantId)).toEqual(before);
    // A sub-reseller with an empty wallet cannot create a paying customer (its price: 900).
    const noCustomer = toAppError(await makeCustomer(sub.actor, { packageId: pkg.id }).catch((e: unknown) => e));
    expect(noCustomer.fieldErrors?.packageId?.[0]).toBe("Your wallet holds KES\u00a00.00 and this costs you KES\u00a0900.00. Top up your wallet first.");
    expect(await tenantFingerprint(t.tenantId)).toEqual(before);
  });

  it("postpaid: the wallet goes below zero up to the credit limit, then refuses; the limit cannot drop below the debt", async () => {
    const { t, reseller, pkg } = await shop();
    await updateOperator(t.owner, { id: reseller.id, name: reseller.name, billingMode: "POSTPAID", creditLimit: "2000", status: "ACTIVE", commissionShare: "60" });
    const a = (await makeCustomer(reseller.actor, { packageId: pkg.id }))!;
    await rechargeCustomer(reseller.actor, { customerId: a.id, idempotencyKey: key() });
    expect(await getWallet(reseller.actor)).toMatchObject({ balanceMinor: -1600_00n, limitMinor: 2000_00n, availableMinor: 400_00n });
    const refused = toAppError(await rechargeCustomer(reseller.actor, { customerId: a.id, idempotencyKey: key() }).catch((e: unknown) => e));
    expect(refused.userMessage).toBe("Your credit limit is used up: KES\u00a0400.00 left, this costs you KES\u00a0800.00. Settle what you owe first.");
    const lower = toAppError(
      await updateOperator(t.owner, { id: reseller.id, name: reseller.name, billingMode: "POSTPAID", creditLimit: "1500", status: "ACTIVE", commissionShare: "60" }).catch((e: unknown) => e),
    );
    expect(lower.fieldErrors?.creditLimit).toEqual(["Lower than what it owes now."]);
    // Settling brings it back; then prepaid is allowed again once nothing is owed.
    await topUp(t.owner, reseller.id, "1600", "BANK_TRANSFER");
    await updateOperator(t.owner, { id: reseller.id, name: reseller.name, billingMode: "PREPAID", status: "ACTIVE", commissionShare: "60" });
    expect(await getWallet(reseller.actor)).toMatchObject({ balanceMinor: 0n, limitMinor: 0n });
    // Only the ISP's owner or admins make a reseller postpaid.
    const bySelf = toAppError(await updateOperator(reseller.actor, { id: (await makeOperator(reseller.actor, "SUB_RESELLER")).id, name: "Sub", billingMode: "POSTPAID", creditLimit: "100000", status: "ACTIVE" }).catch((e: unknown) => e));
    expect(bySelf.fieldErrors?.billingMode).toEqual(["Only the ISP's owner or admins make a reseller postpaid."]);
    expect(await trialBalanceOk(t.tenantId)).toBe(true);
  });

  it("the statement lists every movement with the balance after it, from an opening balance, and exports as CSV, XLSX and PDF", async () => {
    const { t, reseller, sub, pkg } = await shop();
    await topUp(t.owner, reseller.id, "3000");
    const c = (await makeCustomer(reseller.actor, { packageId: pkg.id }))!;
    await rechargeCustomer(reseller.actor, { customerId: c.id, idempotencyKey: key() });
    // Operator-typed text travels as text: quotes, back-quotes, %{...}; NUL is refused on its field.
    const nul = toAppError(await moveWalletMoney(reseller.actor, { operatorId: sub.id, direction: "IN", via: "WALLET", amount: "500", reference: "a\u0000b", idempotencyKey: key() }).catch((e: unknown) => e));
    expect(nul.fieldErrors?.reference).toBeDefined();
    const hostile = "O'Brien `rm` %{User-Name} \"x\"";
    await moveWalletMoney(reseller.actor, { operatorId: sub.id, direction: "IN", via: "WALLET", amount: "500", reference: hostile, idempotencyKey: key() });
    const s = await getOperatorStatement(reseller.actor, null, {});
    expect(s.rows.map((r) => [r.description, r.inMinor, r.outMinor, r.balanceMinor])).toEqual([
      ["Top-up", 3000_00n, null, 3000_00n],
      [`Recharge of ${c.username}`, null, 800_00n, 2200_00n],
      [`Recharge of ${c.username}`, null, 800_00n, 1400_00n],
      [`Top-up of ${sub.name}`, null, 500_00n, 900_00n],
    ]);
    expect(s.rows[3]!.reference).toBe(hostile);
    expect(s).toMatchObject({ openingMinor: 0n, inMinor: 3000_00n, outMinor: 2100_00n, closingMinor: 900_00n });
    expect((await getWallet(reseller.actor)).balanceMinor).toBe(s.closingMinor);
    // The admin reads the same statement; the sub-reseller sees its side.
    expect((await getOperatorStatement(t.owner, reseller.id, {})).closingMinor).toBe(900_00n);
    expect((await getOperatorStatement(sub.actor, null, {})).rows.map((r) => r.description)).toEqual(["Top-up from your reseller"]);
    // A period after today: the opening balance carries everything before.
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(await getOperatorStatement(reseller.actor, null, { from: tomorrow, to: tomorrow })).toMatchObject({ openingMinor: 900_00n, rows: [], closingMinor: 900_00n });

    const csv = await exportOperatorStatement(reseller.actor, null, {}, "csv");
    expect(csv.fileName).toMatch(/\.csv$/);
    expect(csv.body.toString("utf8")).toContain(`Recharge of ${c.username}`);
    const xlsx = await exportOperatorStatement(t.owner, reseller.id, {}, "xlsx");
    expect(xlsx.body.subarray(0, 2).toString()).toBe("PK");
    const pdf = await exportOperatorStatement(t.owner, reseller.id, {}, "pdf");
    expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");
  });
});
