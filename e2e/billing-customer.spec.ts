// The customer page's money in Chromium: the owner takes a cash payment and sees its receipt
// number, opens the receipt PDF, renews and sees the new expiry, issues an invoice by hand; a
// reseller on its own customer sees the status buttons but no billing panel, reversal or void.
import { expect, test, type Page } from "@playwright/test";
import { fundWallet, makeCustomer, makeOperator, makePackage, makeTenant, TEST_PASSWORD } from "./factories";
import { signInOperator } from "./helpers";

async function dialog(page: Page, trigger: string) {
  await page.getByTestId("customer-actions").getByRole("button", { name: trigger, exact: true }).click();
  return page.getByRole("dialog");
}

test.describe("customer billing panel", () => {
  test("the owner records a cash payment, opens its receipt, renews and invoices by hand", async ({ page }) => {
    const t = await makeTenant();
    const pkg = await makePackage(t.owner, { name: "Home 10M", price: "1500", validityValue: 30, validityUnit: "DAY" });
    const customer = (await makeCustomer(t.owner, { name: "Grace Wanjiru", packageId: pkg.id }))!;
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto(`/admin/customers/${customer.id}`);

    const panel = page.getByTestId("customer-billing");
    await expect(panel).toBeVisible();
    // Status is changed by buttons, not in the edit form.
    await expect(page.getByLabel("Status")).toHaveCount(0);

    // A wrong amount is named on its field, and nothing is recorded.
    let d = await dialog(page, "Record payment");
    await d.getByLabel(/Amount/).fill("12,34");
    await d.getByRole("button", { name: "Record payment" }).click();
    await expect(d.locator('[data-field-error="amount"]')).toBeVisible();
    await d.getByLabel(/Amount/).fill("1500");
    await d.getByRole("button", { name: "Record payment" }).click();
    const notice = page.getByTestId("billing-notice");
    await expect(notice).toContainText(/Payment recorded: receipt RCT-\d{4}-\d{6}, KES/);
    const receipt = (await notice.textContent())!.match(/RCT-\d{4}-\d{6}/)![0];
    // Paid in full (an opening invoice, where the package makes one) or kept as credit.
    await expect(panel.getByTestId("billing-balance-state")).toHaveText(/nothing owed|in credit/);

    await panel.getByRole("tab", { name: /Payments/ }).click();
    const link = panel.getByRole("link", { name: receipt });
    await expect(link).toBeVisible();
    const pdf = await page.request.get((await link.getAttribute("href"))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect(pdf.headers()["content-disposition"]).toContain(`${receipt}.pdf`);
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const slip = await page.request.get(`${(await link.getAttribute("href"))!}?format=thermal80`);
    expect(slip.status()).toBe(200);

    // Renew: one more validity from the current expiry.
    const before = await panel.getByTestId("billing-expiry").textContent();
    d = await dialog(page, "Renew");
    await d.getByLabel("Pay with").selectOption("CASH");
    await d.getByRole("button", { name: "Renew" }).click();
    await expect(notice).toContainText(/Renewed until .+\. Invoice INV-\d{4}-\d{5} \(.+\), receipt RCT-/);
    await expect(panel.getByTestId("billing-expiry")).not.toHaveText(before!);
    const until = (await notice.textContent())!.match(/Renewed until (.+?)\. Invoice/)![1]!;
    await expect(panel.getByTestId("billing-expiry")).toHaveText(until);

    // An invoice by hand: a fee and a discount.
    d = await dialog(page, "New invoice");
    await d.getByLabel("Description").fill("Installation");
    await d.getByLabel(/Price/).fill("3000");
    await d.getByRole("button", { name: "Add line" }).click();
    await d.getByLabel("Description").nth(1).fill("Launch discount");
    await d.getByLabel(/Price/).nth(1).fill("500");
    await d.getByLabel("Kind").nth(1).selectOption("DISCOUNT");
    await d.getByRole("button", { name: "Issue invoice" }).click();
    await expect(notice).toContainText(/Invoice INV-\d{4}-\d{5} issued: KES\s2,500\.00/);
    // More than any credit the customer holds: something is owed now.
    await expect(panel.getByTestId("billing-balance-state")).toHaveText("owes");

    await panel.getByRole("tab", { name: "Statement" }).click();
    await expect(panel.getByRole("table", { name: "Statement" })).toContainText(`Receipt ${receipt}`);
    await panel.getByRole("tab", { name: /Invoices/ }).click();

    for (const [width, file] of [
      [1366, "/work/samples/customer-billing-1366.png"],
      [375, "/work/samples/customer-billing-375.png"],
    ] as const) {
      // Tall enough for the whole panel: no scrolling, so the sticky top bar stays off it.
      await page.setViewportSize({ width, height: 2200 });
      await page.evaluate(() => window.scrollTo(0, 0));
      const dismiss = page.getByTestId("billing-notice").getByRole("button", { name: "Dismiss" });
      if (await dismiss.count()) await dismiss.click();
      await panel.screenshot({ path: file });
    }
  });

  test("a reseller changes its customer's status but sees no billing, reversal or void", async ({ page }) => {
    const t = await makeTenant();
    const reseller = await makeOperator(t.owner, "RESELLER");
    const pkg = await makePackage(t.owner, { resellerVisible: true });
    await fundWallet(t.owner, reseller.id);
    const own = (await makeCustomer(reseller.actor, { packageId: pkg.id }))!;
    await signInOperator(page, reseller.email, TEST_PASSWORD);
    await page.goto(`/reseller/customers/${own.id}`);
    await expect(page.getByTestId("customer-service")).toBeVisible();
    await expect(page.getByTestId("customer-billing")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Reverse|Void|Credit note|Record payment|Renew/ })).toHaveCount(0);

    await page.getByRole("button", { name: "Pause", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Pause" }).click();
    await expect(page.getByTestId("billing-notice")).toContainText("Customer paused");
    await expect(page.getByRole("button", { name: "Activate", exact: true })).toBeVisible();

    // The customer left: Disable (with a reason), and Activate brings it back.
    await page.getByRole("button", { name: "Disable", exact: true }).click();
    await page.getByRole("dialog").getByLabel("Reason").fill("Moved to another town");
    await page.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
    await expect(page.getByTestId("billing-notice")).toContainText("Customer disabled");
    await expect(page.getByRole("button", { name: "Disable", exact: true })).toHaveCount(0);
    await page.getByRole("button", { name: "Activate", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Activate" }).click();
    await expect(page.getByTestId("billing-notice")).toContainText("Customer activated");

    const invoice = await page.request.get(`/api/billing/invoices/00000000-0000-4000-8000-000000000000/pdf`);
    expect(invoice.status()).toBe(403);
  });
});
