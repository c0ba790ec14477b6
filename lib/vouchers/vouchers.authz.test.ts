// Who may make, print and redeem vouchers: the ISP's owner and admins, and resellers for
// themselves (paid from their wallet); a batch's codes are printed by its owner or the ISP's owner
// and admins only; a card is redeemed only for a customer the operator can see. Every refusal
// leaves both ISPs unchanged.
import { randomUUID } from "node:crypto";
import { describe, it } from "vitest";
import { expectRefused, makeCast } from "@/lib/testing/authz";
import { fundWallet, makeCustomer, makePackage } from "@/lib/testing/factories";
import { createVoucherBatch, finishBatch, generateChunk } from "./batches";
import { redeemVoucher } from "./redeem";
import { readBatchCards } from "./sheets";
import { revokeVouchers } from "./lifecycle";

describe("voucher refusals", () => {
  it("refuses making, printing and redeeming to those who may not", async () => {
    const c = await makeCast();
    const tenants = [c.tenantId, c.strangerTenantId];
    const pkg = await makePackage(c.owner, { price: "100", resellerVisible: true });
    await fundWallet(c.owner, c.reseller.id);
    const batch = await createVoucherBatch(c.reseller, { packageId: pkg.id, quantity: 2, idempotencyKey: randomUUID() });
    await generateChunk(c.tenantId, batch.id, 0);
    await finishBatch(c.tenantId, batch.id);
    const make = (actor: typeof c.owner, extra: { ownerId?: string } = {}) => createVoucherBatch(actor, { packageId: pkg.id, quantity: 1, idempotencyKey: randomUUID(), ...extra });

    await expectRefused(() => make(c.manager), tenants);
    await expectRefused(() => make(c.stranger), tenants, ["VALIDATION"]);
    await expectRefused(() => make(c.reseller, { ownerId: c.otherReseller.id }), tenants, ["VALIDATION"]);
    // Printing: another reseller, a sub-reseller, a manager (reads the batch, may not print), another ISP.
    for (const actor of [c.otherReseller, c.subReseller, c.stranger]) await expectRefused(() => readBatchCards(actor, batch.id, "pdf"), tenants);
    await expectRefused(() => readBatchCards(c.manager, batch.id, "pdf"), tenants);
    // Redeeming for a customer out of sight: refused before any code is checked.
    const theirs = (await makeCustomer(c.owner))!;
    for (const actor of [c.reseller, c.subReseller, c.stranger]) await expectRefused(() => redeemVoucher(actor, { customerId: theirs.id, code: "NET2345678923" }), tenants);
    // Revoking: another reseller, a sub-reseller, a manager (no billing:manage), another ISP.
    for (const actor of [c.otherReseller, c.subReseller, c.manager, c.stranger]) await expectRefused(() => revokeVouchers(actor, { batchId: batch.id, reason: "not theirs" }), tenants);
  });
});
