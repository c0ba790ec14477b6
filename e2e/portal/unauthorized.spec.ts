// The portal's walls: another customer, another ISP, and operators.
import { expect, test } from "@playwright/test";
import { demoIds, makeCustomer, makeRouter, makeTenant } from "../factories";
import { expectForbidden, expectNotFound, signInCustomer, signInOperator } from "../helpers";

test.describe("portal: unauthorized access", () => {
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

  test("a customer cannot open anyone's online sessions or a router's page", async ({ page }) => {
    const t = await makeTenant();
    const router = await makeRouter(t.owner);
    await signInCustomer(page, "demo", "cust0004");
    for (const path of ["/reseller/sessions", "/admin/sessions", `/admin/routers/${router.id}`]) {
      await page.goto(path);
      await expectForbidden(page);
    }
    await expect(page.getByText("Online now")).toHaveCount(0);
  });

  test("an operator cannot open a customer's portal; an unknown ISP is a 404", async ({ page }) => {
    await signInOperator(page, "admin@demo.isp");
    await page.goto("/portal/demo");
    await expectForbidden(page);
    await page.goto("/portal/no-such-isp-here/login");
    await expectNotFound(page);
  });
});
