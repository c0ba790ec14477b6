// The admin panel's walls: other tenants' ids in URLs and action payloads, and other roles.
import { expect, test } from "@playwright/test";
import { customerById, demoIds, liveChangeEvents, makeCustomer, makeOpenSession, makeOperator, makeRouter, makeTenant, TEST_PASSWORD, uniq } from "../factories";
import { expectForbidden, expectNotFound, signInCustomer, signInOperator } from "../helpers";

test.describe("admin: unauthorized access", () => {
  test("another tenant's customer and operator ids are not found", async ({ page }) => {
    const other = await makeTenant();
    const theirCustomer = await makeCustomer(other.owner);
    const theirReseller = await makeOperator(other.owner, "RESELLER");
    await signInOperator(page, "admin@demo.isp");
    await page.goto(`/admin/customers/${theirCustomer.id}`);
    await expectNotFound(page);
    await page.goto(`/admin/operators/${theirReseller.id}`);
    await expectNotFound(page);
    await page.goto(`/admin/customers/not-a-uuid`);
    await expectNotFound(page);
  });

  test("another tenant's customer id in an update payload changes nothing", async ({ page }) => {
    const other = await makeTenant();
    const victim = await makeCustomer(other.owner, { name: "Victim Person" });
    const mine = await makeTenant();
    const own = await makeCustomer(mine.owner);
    await signInOperator(page, mine.email, TEST_PASSWORD);
    await page.goto(`/admin/customers/${own.id}`);
    await page.locator("form", { has: page.getByRole("button", { name: "Save changes" }) }).locator('input[type="hidden"][name="id"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), victim.id);
    await page.getByLabel("Full name").fill("Hijacked");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("form-error")).toHaveText("Customer not found.");
    const after = await customerById(victim.id);
    expect(after).toMatchObject({ name: "Victim Person", status: "ACTIVE" });
  });

  test("another tenant's router page is not found and its sessions never show; its customers cannot be disconnected", async ({ page }) => {
    const other = await makeTenant();
    const theirRouter = await makeRouter(other.owner);
    const theirCustomer = await makeCustomer(other.owner, { username: uniq("theirs") });
    await makeOpenSession(other.tenantId, theirCustomer.username, theirRouter.nasIp);
    const mine = await makeTenant();
    const myRouter = await makeRouter(mine.owner);
    const own = await makeCustomer(mine.owner, { username: uniq("mine") });
    await makeOpenSession(mine.tenantId, own.username, myRouter.nasIp);
    await signInOperator(page, mine.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${theirRouter.id}`);
    await expectNotFound(page);
    await expect(page.getByText(theirCustomer.username)).toHaveCount(0);
    await page.goto(`/admin/sessions?q=${theirCustomer.username}`);
    await expect(page.getByText("Nobody is online.")).toBeVisible();

    await page.goto(`/admin/routers/${myRouter.id}`);
    const form = page.locator("form", { has: page.getByRole("button", { name: `Disconnect ${own.username}` }) });
    await form.locator('input[name="id"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), theirCustomer.id);
    await form.getByRole("button").click();
    await expect(form.getByRole("status")).toHaveText("Customer not found.");
    expect(await liveChangeEvents(theirCustomer.id)).toBe(0);
  });

  test("resellers and customers cannot open the admin panel", async ({ browser }) => {
    const reseller = await browser.newPage();
    await signInOperator(reseller, "reseller@demo.isp");
    for (const path of ["/admin", "/admin/customers", "/admin/operators", "/admin/audit", "/admin/settings"]) {
      await reseller.goto(path);
      await expectForbidden(reseller);
    }
    const customer = await browser.newPage();
    await signInCustomer(customer, "demo", "cust0002");
    const ids = await demoIds();
    await customer.goto(`/admin/customers/${ids.customer("cust0003")}`);
    await expectForbidden(customer);
    await expect(customer.getByText("cust0003")).toHaveCount(0);
  });

  test("a manager sees operators but cannot manage them or the settings", async ({ page }) => {
    await signInOperator(page, "manager@demo.isp");
    await page.goto("/admin/operators");
    await expect(page.getByRole("link", { name: "New operator" })).toHaveCount(0);
    await page.goto("/admin/operators/new");
    await expectForbidden(page);
    await page.goto("/admin/settings");
    await expectForbidden(page);
    await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  });

  test("signed-out visitors are sent to sign in", async ({ page }) => {
    await page.goto("/admin/customers");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin|\/login\?callbackUrl=\/admin/);
  });
});
