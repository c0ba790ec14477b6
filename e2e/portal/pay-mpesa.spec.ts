// Paying online in Chromium, through the fake Daraja: a customer locked for non-payment signs in
// to the portal, presses Pay with M-Pesa, is told to check its phone, and the page turns to
// "Paid" with its receipt when the (fake) phone's PIN goes in and the callback arrives: the lock
// is lifted, the opening invoice and the next period are paid, and the admin sees the payment and
// its raw callback.
import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { withTenant } from "@/lib/db";
import { lockCustomer } from "@/lib/customers/lock-customer";
import { saveGateway } from "@/lib/payments/gateways-admin";
import { startFakeDaraja, type FakeDaraja } from "@/lib/payments/fakes/daraja";
import { makeCustomer, makePackage, makeTenant, TEST_PASSWORD } from "../factories";
import { signInCustomer, signInOperator } from "../helpers";

let fake: FakeDaraja;
test.beforeAll(async () => {
  fake = await startFakeDaraja({ answerAfterMs: 1_500 });
});
test.afterAll(async () => {
  await fake?.settled();
  await fake?.close();
});

/** The ISP's M-Pesa, talking to this file's fake Daraja. */
const fakeMpesa = (owner: Parameters<typeof saveGateway>[0]) =>
  saveGateway(owner, {
    kind: "MPESA",
    name: "M-Pesa",
    mode: "SANDBOX",
    settings: { shortcode: "174379", transactionType: "CustomerPayBillOnline", baseUrl: fake.url },
    secrets: { consumerKey: "fake-consumer-key", consumerSecret: "fake-consumer-secret", passkey: "fake-passkey-123" },
  });

test("a locked customer pays with M-Pesa from the portal and is unlocked", async ({ browser }) => {
  test.setTimeout(90_000);
  const t = await makeTenant();
  await fakeMpesa(t.owner);
  const pkg = await makePackage(t.owner, { name: "Home 10M", price: "1500", validityValue: 30, validityUnit: "DAY" });
  const username = `pay${randomUUID().slice(0, 6)}`;
  const customer = (await makeCustomer(t.owner, { username, password: TEST_PASSWORD, packageId: pkg.id }))!;
  await withTenant(t.tenantId, (tx) => lockCustomer(tx, { tenantId: t.tenantId, customerId: customer.id, reason: "opening invoice unpaid", actor: null }));

  const page = await browser.newPage();
  await signInCustomer(page, t.slug, username, TEST_PASSWORD);
  const pay = page.getByTestId("portal-pay");
  await expect(pay).toContainText("What you owe and the next period");
  await expect(pay).toContainText("KES\u00a03,000.00");
  await pay.getByLabel("M-Pesa phone number").fill("0712 345 670");
  await pay.getByRole("button", { name: "Pay now" }).click();
  const status = page.getByTestId("payment-status");
  await expect(status).toContainText("Check your phone and enter your PIN.");
  // The fake phone answers; the callback is confirmed by a status query; the page refreshes itself.
  await expect(status).toContainText("Paid, thank you", { timeout: 30_000 });
  await expect(status).toContainText(/Receipt \S+/);

  const after = await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }));
  expect(after.lockedAt).toBeNull();
  expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * 86_400_000);
  expect(fake.payments.at(-1)).toMatchObject({ amount: 3000, phone: "254712345670" });

  const admin = await browser.newPage();
  await signInOperator(admin, t.email, TEST_PASSWORD);
  await admin.goto("/admin/billing/online");
  await expect(admin.getByRole("table", { name: "Online payments" })).toContainText(username);
  await expect(admin.getByRole("table", { name: "Online payments" })).toContainText("Paid");
  await admin.getByRole("table", { name: "Callbacks" }).getByRole("link").first().click();
  await expect(admin.getByTestId("webhook-body")).toContainText("stkCallback");
});

test("the ISP's admin adds an M-Pesa gateway and tests it from the settings page", async ({ page }) => {
  const t = await makeTenant();
  await signInOperator(page, t.email, TEST_PASSWORD);
  await page.goto("/admin/settings/payments?add=MPESA");
  const form = page.getByTestId("gateway-add");
  await form.getByLabel("Paybill or till number").fill("17437");
  await form.getByLabel("API address").fill(fake.url);
  await form.getByLabel("Consumer key").fill("fake-consumer-key");
  await form.getByLabel("Consumer secret").fill("fake-consumer-secret");
  await form.getByRole("button", { name: "Add gateway" }).click();
  // The passkey is missing: the field says so, and the secrets typed are not sent back.
  await expect(form.getByText("The Lipa na M-Pesa passkey.")).toBeVisible();
  await expect(form.getByLabel("Consumer secret")).toHaveValue("");
  await form.getByLabel("Consumer key").fill("fake-consumer-key");
  await form.getByLabel("Consumer secret").fill("fake-consumer-secret");
  await form.getByLabel("Lipa na M-Pesa passkey").fill("fake-passkey-123");
  await form.getByRole("button", { name: "Add gateway" }).click();
  await expect(form.getByText("Gateway saved.")).toBeVisible();
  await page.goto("/admin/settings/payments");
  const card = page.getByTestId("gateway-M-Pesa (Daraja)");
  await card.getByRole("button", { name: /Test/ }).click();
  await expect(card.getByTestId("gateway-last-test")).toContainText("Works", { timeout: 15_000 });
  await expect(card.getByTestId("gateway-last-test")).toContainText("C2B URLs registered");
  await expect(card).toContainText("/c2b/confirmation");
});

test("staff send a payment link; whoever holds it pays that account without signing in", async ({ browser }) => {
  test.setTimeout(90_000);
  const t = await makeTenant();
  await fakeMpesa(t.owner);
  const customer = (await makeCustomer(t.owner, { username: `link${randomUUID().slice(0, 6)}` }))!;
  const admin = await browser.newPage();
  await signInOperator(admin, t.email, TEST_PASSWORD);
  await admin.goto(`/admin/customers/${customer.id}`);
  const linkForm = admin.getByTestId("payment-link");
  await linkForm.getByLabel("Amount").fill("450");
  await linkForm.getByRole("button", { name: "Make a payment link" }).click();
  const message = await linkForm.getByText(/Send this link to the customer/).textContent();
  const url = /(http\S+\/pay\/\S+)$/.exec(message ?? "")![1]!;

  // A fresh browser: no session at all.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const pay = page.getByTestId("pay-link");
  await expect(pay).toContainText("KES\u00a0450.00");
  await pay.getByLabel("M-Pesa phone number").fill("0712345671");
  await pay.getByRole("button", { name: "Pay now" }).click();
  await expect(page.getByTestId("payment-status")).toContainText("Paid, thank you", { timeout: 30_000 });
  const payments = await withTenant(t.tenantId, (tx) => tx.payment.findMany({ where: { customerId: customer.id } }));
  expect(payments.map((p) => p.amountMinor)).toEqual([450_00n]);
  // A changed link is refused.
  await page.goto(url.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
  await expect(page.getByText(/could not be found|404/i).first()).toBeVisible();
  await context.close();
});
