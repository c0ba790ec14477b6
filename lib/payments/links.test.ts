// Payment links: signed, unalterable, expiring; they name one customer (and maybe an amount) and
// give nothing else: the holder pays into that account through the normal payment path.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toAppError } from "@/lib/errors";
import { makeCustomer, makeOperator, makePackage, makeTenant } from "@/lib/testing/factories";
import { updateCustomer } from "@/lib/customers/update-customer";
import { createPaymentLink, decodeLink, encodeLink, linkedAccount } from "./links";

describe("payment links", () => {
  it("round-trip, and refuse a changed, foreign or expired link without saying which", () => {
    const claims = { t: randomUUID(), c: randomUUID(), a: "150000", e: Math.floor(Date.now() / 1000) + 60 };
    const token = encodeLink(claims);
    expect(decodeLink(token)).toEqual(claims);
    const [payload, mac] = token.split(".");
    const other = Buffer.from(JSON.stringify({ ...claims, a: "1" })).toString("base64url");
    expect(decodeLink(`${other}.${mac}`)).toBeNull();
    expect(decodeLink(`${payload}.${mac}x`)).toBeNull();
    expect(decodeLink(`${payload}`)).toBeNull();
    expect(decodeLink(`${payload}.${mac}.x`)).toBeNull();
    expect(decodeLink(encodeLink({ ...claims, e: Math.floor(Date.now() / 1000) - 1 }))).toBeNull();
    expect(decodeLink("x".repeat(5000))).toBeNull();
    expect(decodeLink(encodeLink({ ...claims, t: "not-a-uuid'--" }))).toBeNull();
  });

  it("staff who collect make one for a customer they see; it opens that account only, until the customer is disabled", async () => {
    const t = await makeTenant();
    const pkg = await makePackage(t.owner, { price: "1000" });
    const customer = (await makeCustomer(t.owner, { username: `pl${randomUUID().slice(0, 6)}`, packageId: pkg.id }))!;
    const link = await createPaymentLink(t.owner, { customerId: customer.id, amount: "250", days: 7 });
    expect(link.url).toMatch(/\/pay\/[\w-]+\.[\w-]+$/);
    expect(link.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const account = await linkedAccount(link.url.split("/pay/")[1]!);
    expect(account).toMatchObject({ amountMinor: 250_00n, username: customer.username, actor: { kind: "CUSTOMER", id: customer.id, tenantId: t.tenantId } });
    const bad = toAppError(await createPaymentLink(t.owner, { customerId: customer.id, amount: "0" }).catch((e: unknown) => e));
    expect(bad.fieldErrors?.amount).toEqual(["More than zero, or empty."]);
    expect(toAppError(await createPaymentLink(t.owner, { customerId: customer.id, days: 400 }).catch((e: unknown) => e)).fieldErrors?.days).toEqual(["At most 60 days."]);
    await updateCustomer(t.owner, { id: customer.id, status: "DISABLED" });
    expect(await linkedAccount(link.url.split("/pay/")[1]!)).toBeNull();
    const reseller = await makeOperator(t.owner, "RESELLER");
    expect(toAppError(await createPaymentLink(reseller.actor, { customerId: customer.id }).catch((e: unknown) => e)).code).toBe("FORBIDDEN");
  });
});
