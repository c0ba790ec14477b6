// A reseller's money in Chromium: the ISP's owner tops up the reseller's wallet on its page, the
// reseller recharges its customer from the customer's page (wallet down by its buy price, the
// customer's expiry extended by the package's validity, FreeRADIUS accepts the customer), and
// the statement downloads as PDF. An empty wallet refuses with what it holds and what it costs.
import { expect, test } from "@playwright/test";
import { withTenant } from "@/lib/db";
import { papAttributes, sendRadius } from "@/lib/radius/testing/radius-client";
import { startTestFreeradius, type TestFreeradius } from "@/lib/radius/testing/test-freeradius";
import { makeCustomer, makeOperator, makePackage, makeRouter, makeTenant, TEST_PASSWORD, uniq } from "../factories";
import { signInOperator } from "../helpers";

let radius: TestFreeradius | null = null;
test.afterAll(async () => {
  await radius?.stop();
});

test.describe("reseller wallet", () => {
  test("the ISP tops up, the reseller recharges its customer, RADIUS accepts it, the statement downloads", async ({ browser }) => {
    test.setTimeout(120_000);
    const t = await makeTenant();
    const reseller = await makeOperator(t.owner, "RESELLER", { commissionShare: "60" });
    const pkg = await makePackage(t.owner, { name: "Home 10M", price: "1000", resellerPrice: "800", resellerVisible: true, validityValue: 30, validityUnit: "DAY", rateDown: "10M", rateUp: "2M" });

    const owner = await browser.newPage();
    await signInOperator(owner, t.email, TEST_PASSWORD);
    await owner.goto(`/admin/operators/${reseller.id}`);
    const wallet = owner.getByTestId("wallet");
    await expect(wallet.getByTestId("wallet-balance")).toHaveText("KES\u00a00.00");
    await wallet.getByLabel("Amount (KES)").fill("5,000");
    await wallet.getByLabel("Reference").fill("Receipt book 7");
    await wallet.getByRole("button", { name: "Move money" }).click();
    await expect(wallet.getByText("Wallet updated.")).toBeVisible();
    await expect(wallet.getByTestId("wallet-balance")).toHaveText("KES\u00a05,000.00");

    // The reseller sells a customer (its first validity paid from the wallet: 5,000 - 800).
    const password = "recharge-pw-1";
    const customer = (await makeCustomer(reseller.actor, { username: uniq("rc"), password, packageId: pkg.id }))!;
    const expiryBefore = (await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }))).expiresAt!;

    const page = await browser.newPage();
    await signInOperator(page, reseller.email, TEST_PASSWORD);
    // From the customers list: the row's Recharge leads to the customer's Recharge card.
    await page.goto(`/reseller/customers?q=${customer.username}`);
    await page.getByRole("link", { name: `Recharge ${customer.username}` }).click();
    await expect(page).toHaveURL(new RegExp(`/reseller/customers/${customer.id}#recharge$`));
    const recharge = page.getByTestId("recharge");
    await expect(recharge).toContainText("costs you KES\u00a0800.00 per period");
    await recharge.getByRole("button", { name: "Recharge from my wallet" }).click();
    await expect(recharge.getByText("Recharged: the customer's expiry is extended and your wallet debited.")).toBeVisible();

    const after = await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }));
    expect(after.expiresAt!.getTime()).toBe(expiryBefore.getTime() + 30 * 86_400_000);
    await page.goto("/reseller/wallet");
    await expect(page.getByTestId("wallet-balance")).toHaveText("KES\u00a03,400.00");
    const statement = page.getByTestId("statement");
    await expect(statement.getByRole("row", { name: /Top-up/ })).toContainText("Receipt book 7");
    await expect(statement.getByRole("row", { name: new RegExp(`Recharge of ${customer.username}`) })).toHaveCount(2);
    await page.goto("/reseller");
    await expect(page.getByTestId("overview-wallet")).toHaveText("KES\u00a03,400.00");

    // The statement as a PDF, from the link on the page.
    const pdf = await page.request.get(`/api/resellers/statement?account=wallet&format=pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

    // FreeRADIUS (real, on our database) accepts the recharged customer with its package's rate.
    radius = await startTestFreeradius();
    const router = await makeRouter(t.owner);
    const reply = await sendRadius("Access-Request", [...papAttributes(customer.username, password), ["NAS-IP-Address", router.nasIp]], {
      port: radius.authPort,
      secret: router.secret,
      from: router.nasIp,
      timeoutMs: 2_000,
    });
    expect(reply?.code).toBe("Access-Accept");
    expect(reply?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Rate-Limit": "2M/10M" });
  });

  test("an empty wallet refuses a recharge in words, on the form", async ({ page }) => {
    const t = await makeTenant();
    const reseller = await makeOperator(t.owner, "RESELLER");
    const customer = (await makeCustomer(reseller.actor, { username: uniq("empty") }))!;
    const pkg = await makePackage(t.owner, { price: "1000", resellerPrice: "800", resellerVisible: true });
    await withTenant(t.tenantId, (tx) => tx.customer.update({ where: { id: customer.id }, data: { packageId: pkg.id } }));
    await signInOperator(page, reseller.email, TEST_PASSWORD);
    await page.goto(`/reseller/customers/${customer.id}`);
    const recharge = page.getByTestId("recharge");
    await recharge.getByRole("button", { name: "Recharge from my wallet" }).click();
    await expect(recharge.getByText("Your wallet holds KES\u00a00.00 and this costs you KES\u00a0800.00. Top up your wallet first.").first()).toBeVisible();
  });
});
