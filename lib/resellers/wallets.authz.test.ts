// Who may move resellers' money: staff who take money top up (owners and admins also pay out); a
// reseller moves money only between its own wallet and its own sub-resellers'; nobody recharges
// from a wallet but a reseller for its own customers; only owners and admins pay commissions out.
// Every refusal leaves both ISPs exactly as they were.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { OperatorActor } from "@/lib/audit/actor";
import { expectRefused, makeCast } from "@/lib/testing/authz";
import { makeCustomer, makePackage } from "@/lib/testing/factories";
import { commissionReport, payOutCommission } from "./commissions";
import { getOperatorStatement } from "./operator-statement";
import { rechargeCustomer } from "./recharge";
import { getWallet, moveWalletMoney } from "./wallets";

const move = (actor: OperatorActor, operatorId: string, via: "CASH" | "WALLET", direction: "IN" | "OUT" = "IN") =>
  moveWalletMoney(actor, { operatorId, direction, via, amount: "10", idempotencyKey: randomUUID() });

describe("wallet refusals", () => {
  it("refuses moves by the wrong role, into the wrong tree, or through the wrong door", async () => {
    const c = await makeCast();
    const tenants = [c.tenantId, c.strangerTenantId];
    await move(c.owner, c.reseller.id, "CASH");
    const refused: [string, OperatorActor, string, "CASH" | "WALLET", "IN" | "OUT"][] = [
      ["a manager paying out", c.manager, c.reseller.id, "CASH", "OUT"],
      ["a sub-reseller", c.subReseller, c.subReseller.id, "WALLET", "IN"],
      ["a reseller into itself", c.reseller, c.reseller.id, "WALLET", "IN"],
      ["a reseller into another reseller's sub-reseller", c.reseller, c.otherSubReseller.id, "WALLET", "IN"],
      ["a reseller into another reseller", c.reseller, c.otherReseller.id, "WALLET", "IN"],
      ["the owner into an admin", c.owner, c.admin.id, "CASH", "IN"],
      ["another ISP's owner", c.stranger, c.reseller.id, "CASH", "IN"],
      ["an unknown id", c.owner, randomUUID(), "CASH", "IN"],
    ];
    for (const [who, actor, target, via, direction] of refused) {
      const e = await expectRefused(() => move(actor, target, via, direction), tenants, ["FORBIDDEN", "NOT_FOUND", "VALIDATION"]);
      expect(e, who).toBeTruthy();
    }
    // Staff cannot pay "from their wallet"; a reseller cannot take "cash" into its sub-reseller.
    await expectRefused(() => move(c.owner, c.reseller.id, "WALLET"), tenants, ["VALIDATION"]);
    await expectRefused(() => move(c.reseller, c.subReseller.id, "CASH"), tenants, ["VALIDATION"]);
    // Reads: a sub-reseller cannot read its reseller's wallet or statement; a manager can read (billing:view).
    await expectRefused(() => getWallet(c.subReseller, c.reseller.id), tenants);
    await expectRefused(() => getOperatorStatement(c.otherReseller, c.subReseller.id, {}), tenants);
    await expectRefused(() => getWallet(c.stranger, c.reseller.id), tenants);
    expect((await getWallet(c.manager, c.reseller.id)).balanceMinor).toBe(10_00n);
  });

  it("refuses recharges by staff, of another reseller's customer, and commission payouts by anyone but owners and admins", async () => {
    const c = await makeCast();
    const tenants = [c.tenantId, c.strangerTenantId];
    const pkg = await makePackage(c.owner, { price: "100", resellerVisible: true });
    await move(c.owner, c.reseller.id, "CASH");
    await moveWalletMoney(c.owner, { operatorId: c.otherReseller.id, direction: "IN", via: "CASH", amount: "1000", idempotencyKey: randomUUID() });
    const theirs = (await makeCustomer(c.otherReseller, { packageId: pkg.id }))!;
    const recharge = (actor: OperatorActor, customerId: string) => rechargeCustomer(actor, { customerId, idempotencyKey: randomUUID() });
    for (const actor of [c.owner, c.admin, c.manager]) await expectRefused(() => recharge(actor, theirs.id), tenants);
    await expectRefused(() => recharge(c.reseller, theirs.id), tenants);
    await expectRefused(() => recharge(c.subReseller, theirs.id), tenants);
    await expectRefused(() => recharge(c.stranger, theirs.id), tenants);

    const payout = (actor: OperatorActor, operatorId: string) => payOutCommission(actor, { operatorId, to: "CASH", amount: "1", idempotencyKey: randomUUID() });
    for (const actor of [c.manager, c.reseller, c.subReseller]) await expectRefused(() => payout(actor, c.reseller.id), tenants);
    await expectRefused(() => payout(c.stranger, c.reseller.id), tenants);
    await expectRefused(() => payout(c.owner, c.admin.id), tenants);
    // The report: a sub-reseller sees only itself, never its reseller.
    expect((await commissionReport(c.subReseller, {})).rows.map((r) => r.operatorId)).toEqual([c.subReseller.id]);
  });
});
