// Paying by card in Chromium, through the fake Stripe: a customer locked for non-payment presses
// Pay in the portal, is sent to the (fake) Stripe Checkout page, pays, comes back to its payment's
// page, which turns to "Paid" when the signed checkout.session.completed webhook arrives: the lock
// is lifted and the opening invoice and the next period are paid.
import { expect, test } from "@playwright/test";
import { randomBytes, randomUUID } from "node:crypto";
import { withTenant } from "@/lib/db";
import { lockCustomer } from "@/lib/customers/lock-customer";
import { saveGateway } from "@/lib/payments/gateways-admin";
import { startFakeStripe, type FakeStripe } from "@/lib/payments/fakes/stripe";
import { makeCustomer, makePackage, makeTenant, TEST_PASSWORD } from "../factories";
import { signInCustomer } from "../helpers";

let fake: FakeStripe;
test.beforeAll(async () => {
  fake = await startFakeStripe();
});
test.afterAll(async () => {
  await fake?.settled();
  await fake?.close();
});

test("a locked customer pays by card on Stripe Checkout and is unlocked", async ({ page }) => {
  test.setTimeout(90_000);
  const t = await makeTenant();
  const keys = { secretKey: `sk_test_${randomBytes(12).toString("hex")}`, webhookSecret: `whsec_${randomBytes(16).toString("hex")}` };
  const gateway = await saveGateway(t.owner, { kind: "STRIPE", name: "Card", mode: "SANDBOX", settings: { apiBase: fake.url }, secrets: keys });
  // The ISP's Stripe account sends its webhooks to the URL the settings page shows.
  fake.addAccount({ ...keys, webhookUrl: `http://localhost:${process.env.E2E_PORT ?? 3100}/api/webhooks/stripe/${gateway.id}` });
  const pkg = await makePackage(t.owner, { name: "Home 10M", price: "1500", validityValue: 30, validityUnit: "DAY" });
  const username = `card${randomUUID().slice(0, 6)}`;
  const customer = (await makeCustomer(t.owner, { username, password: TEST_PASSWORD, packageId: pkg.id }))!;
  await withTenant(t.tenantId, (tx) => lockCustomer(tx, { tenantId: t.tenantId, customerId: customer.id, reason: "opening invoice unpaid", actor: null }));

  await signInCustomer(page, t.slug, username, TEST_PASSWORD);
  const pay = page.getByTestId("portal-pay");
  await expect(pay).toContainText("KES\u00a03,000.00");
  await pay.getByRole("button", { name: "Pay now" }).click();
  // On the (fake) Stripe Checkout page.
  await expect(page).toHaveURL(new RegExp(`^${fake.url}/checkout/cs_`));
  await page.getByRole("button", { name: "Pay" }).click();
  // Back on our payment page: the webhook, not the redirect, makes it paid.
  await expect(page).toHaveURL(new RegExp(`/portal/${t.slug}/payments/`));
  await expect(page.getByTestId("payment-status")).toContainText("Paid, thank you", { timeout: 30_000 });

  const after = await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }));
  expect(after.lockedAt).toBeNull();
  expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * 86_400_000);
  const payments = await withTenant(t.tenantId, (tx) => tx.payment.findMany({ where: { customerId: customer.id } }));
  expect(payments.map((p) => [p.method, p.amountMinor])).toEqual([["CARD", 3000_00n]]);
  expect(fake.sent.map((s) => [s.type, s.status])).toEqual([["checkout.session.completed", 200]]);
});
