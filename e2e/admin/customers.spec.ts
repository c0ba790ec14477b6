import { expect, test } from "@playwright/test";
import { makeCustomer, makeTenant, TEST_PASSWORD } from "../factories";
import { signInOperator } from "../helpers";

test.describe("admin: customers", () => {
  test("the list searches, filters, sorts and pages on the server", async ({ page }) => {
    await signInOperator(page, "admin@demo.isp");
    await page.goto("/admin/customers");
    await expect(page.getByText("Showing 1–25 of 50")).toBeVisible();
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByText("Showing 26–50 of 50")).toBeVisible();

    await page.getByLabel("Status").selectOption("SUSPENDED");
    await expect(page).toHaveURL(/status=SUSPENDED/);
    await expect(page.getByText("Showing 1–5 of 5")).toBeVisible();
    await expect(page).not.toHaveURL(/page=2/);

    await page.getByLabel("Search").fill("cust0017");
    await expect(page).toHaveURL(/q=cust0017/);
    await expect(page.getByRole("link", { name: "cust0017" })).toBeVisible();
    await expect(page.getByText("Showing 1–1 of 1")).toBeVisible();

    await page.goto("/admin/customers?sort=username&dir=asc&pageSize=10");
    await expect(page.locator("tbody tr").first()).toContainText("cust0001");
    await page.getByRole("button", { name: /Username/ }).click();
    await expect(page).toHaveURL(/dir=desc/);
    await expect(page.locator("tbody tr").first()).toContainText("cust0050");
  });

  test("an admin creates a customer, then suspends it, with audit entries", async ({ page }) => {
    const t = await makeTenant();
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto("/admin/customers/new");
    await page.getByLabel("Username").fill("jane.doe");
    await page.getByLabel("Password").fill("jane-pass-1");
    await page.getByLabel("Full name").fill("Jane Doe");
    await page.getByLabel("Mobile").fill("+63 917 123 4567");
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByText("The customer was created.")).toBeVisible();
    await expect(page.getByLabel("Mobile")).toHaveValue("+639171234567");

    // Status is a button, not a form field.
    await page.getByRole("button", { name: "Suspend", exact: true }).click();
    await page.getByRole("dialog").getByLabel("Reason").fill("Asked by the customer");
    await page.getByRole("dialog").getByRole("button", { name: "Suspend" }).click();
    await expect(page.getByTestId("billing-notice")).toContainText("Customer suspended");
    await expect(page.getByRole("region", { name: "Recent changes" })).toContainText("customer.status.suspended");

    await page.goto("/admin/audit?targetType=Customer");
    await expect(page.getByRole("row", { name: /customer\.create/ })).toBeVisible();
    await expect(page.getByRole("row", { name: /customer\.status\.suspended/ })).toBeVisible();
  });

  test("a duplicate username is refused on its field", async ({ page }) => {
    const t = await makeTenant();
    await makeCustomer(t.owner, { username: "taken1" });
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto("/admin/customers/new");
    await page.getByLabel("Username").fill("taken1");
    await page.getByLabel("Password").fill("secret-1");
    await page.getByLabel("Full name").fill("Second Taken");
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.locator('[data-field-error="username"]')).toHaveText("Already in use.");
  });
});
