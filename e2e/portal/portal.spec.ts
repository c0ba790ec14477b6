import { expect, test } from "@playwright/test";
import { makeCustomer, makeTenant } from "../factories";
import { signInCustomer } from "../helpers";

test.describe("customer portal", () => {
  test("a customer sees its own profile and status", async ({ page }) => {
    await signInCustomer(page, "demo", "cust0007");
    await expect(page.getByTestId("customer-status")).toHaveText("SUSPENDED");
    await expect(page.getByText("Your internet access is suspended.")).toBeVisible();
    await expect(page.getByText("cust0007").first()).toBeVisible();
  });

  test("the same username on another ISP is another account", async ({ page }) => {
    const other = await makeTenant();
    await makeCustomer(other.owner, { username: "cust0001", password: "other-isp-pass" });
    await page.goto(`/portal/${other.slug}/login`);
    await page.getByLabel("Username").fill("cust0001");
    await page.getByLabel("Password").fill("demo1234");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toBeVisible();
    await signInCustomer(page, other.slug, "cust0001", "other-isp-pass");
  });
});
