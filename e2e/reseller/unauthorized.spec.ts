// The reseller panel's walls: outside the subtree, another tenant, and the wrong role.
import { expect, test } from "@playwright/test";
import { customerById, demoIds, makeCustomer, makeTenant } from "../factories";
import { expectForbidden, expectNotFound, signInCustomer, signInOperator } from "../helpers";

test.describe("reseller: unauthorized access", () => {
  test("a reseller cannot open the ISP's own customers or another tenant's", async ({ page }) => {
    const ids = await demoIds();
    const other = await makeTenant();
    const foreign = await makeCustomer(other.owner);
    await signInOperator(page, "reseller@demo.isp");
    await page.goto(`/reseller/customers/${ids.customer("cust0001")}`);
    await expectNotFound(page);
    await page.goto(`/reseller/customers/${foreign.id}`);
    await expectNotFound(page);
    await page.goto(`/reseller/sub-resellers/${ids.operator("admin@demo.isp")}`);
    await expectNotFound(page);
  });

  test("a sub-reseller cannot open its parent's customers nor manage sub-resellers", async ({ page }) => {
    const ids = await demoIds();
    await signInOperator(page, "subreseller@demo.isp");
    await page.goto(`/reseller/customers/${ids.customer("cust0021")}`);
    await expectNotFound(page);
    await page.goto("/reseller/sub-resellers");
    await expectForbidden(page);
  });

  test("a customer id outside the subtree in an update payload changes nothing", async ({ page }) => {
    const ids = await demoIds();
    const outside = ids.customer("cust0002");
    const before = await customerById(outside);
    await signInOperator(page, "subreseller@demo.isp");
    await page.goto(`/reseller/customers/${ids.customer("cust0036")}`);
    await page.locator("form", { has: page.getByRole("button", { name: "Save changes" }) }).locator('input[type="hidden"][name="id"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), outside);
    await page.getByLabel("Full name").fill("Taken Over");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("form-error")).toHaveText("Customer not found.");
    expect((await customerById(outside))?.name).toBe(before?.name);
  });

  test("staff and customers cannot open the reseller panel", async ({ browser }) => {
    const admin = await browser.newPage();
    await signInOperator(admin, "admin@demo.isp");
    await admin.goto("/reseller/customers");
    await expectForbidden(admin);
    const customer = await browser.newPage();
    await signInCustomer(customer, "demo", "cust0021");
    await customer.goto("/reseller");
    await expectForbidden(customer);
  });
});
