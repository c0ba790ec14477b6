import { expect, test } from "@playwright/test";
import { demoIds, makeCustomer, makeTenant } from "../factories";
import { expectForbidden, expectNotFound, signInCustomer, signInOperator } from "../helpers";

test.describe("customer portal", () => {
  test("a customer sees its own profile and status", async ({ page }) => {
    await signInCustomer(page, "demo", "cust0007");
    await expect(page.getByTestId("customer-status")).toHaveText("SUSPENDED");
    await expect(page.getByText("Your internet access is suspended.")).toBeVisible();
    await expect(page.getByText("cust0007").first()).toBeVisible();
  });

  test("a customer cannot read another customer, another ISP's portal or any operator panel", async ({ page }) => {
    const other = await makeTenant();
    await makeCustomer(other.owner, { username: "cust0001", password: "demo1234" });
    const ids = await demoIds();
    await signInCustomer(page, "demo", "cust0001");
    await page.goto(`/portal/${other.slug}`);
    await expectForbidden(page);
    await page.goto(`/reseller/customers/${ids.customer("cust0002")}`);
    await expectForbidden(page);
    await page.goto(`/admin/customers/${ids.customer("cust0002")}`);
    await expectForbidden(page);
    await expect(page.getByText("cust0002")).toHaveCount(0);
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

  test("an operator cannot open a customer's portal; an unknown ISP is a 404", async ({ page }) => {
    await signInOperator(page, "admin@demo.isp");
    await page.goto("/portal/demo");
    await expectForbidden(page);
    await page.goto("/portal/no-such-isp-here/login");
    await expectNotFound(page);
  });
});
