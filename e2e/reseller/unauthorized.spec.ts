// The reseller panel's walls: outside the subtree, another tenant, and the wrong role.
import { expect, test } from "@playwright/test";
import { customerById, demoIds, liveChangeEvents, makeCustomer, makeOpenSession, makeOperator, makeRouter, makeTenant, TEST_PASSWORD, uniq } from "../factories";
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

  test("a reseller sees only its own customers online, and cannot disconnect another reseller's", async ({ page }) => {
    const t = await makeTenant();
    const router = await makeRouter(t.owner);
    const mine = await makeOperator(t.owner, "RESELLER");
    const rival = await makeOperator(t.owner, "RESELLER");
    const own = await makeCustomer(mine.actor, { username: uniq("own") });
    const theirs = await makeCustomer(rival.actor, { username: uniq("rival") });
    await makeOpenSession(t.tenantId, own.username, router.nasIp);
    await makeOpenSession(t.tenantId, theirs.username, router.nasIp, { callingStationId: "AA:BB:CC:DD:EE:99" });
    await signInOperator(page, mine.email, TEST_PASSWORD);
    await page.goto("/reseller/sessions");
    await expect(page.getByRole("link", { name: own.username })).toBeVisible();
    await expect(page.getByText(theirs.username)).toHaveCount(0);
    await page.goto(`/reseller/sessions?q=${theirs.username}`);
    await expect(page.getByText("Nobody is online.")).toBeVisible();
    await page.goto("/reseller/sessions?q=AA:BB:CC:DD:EE:99");
    await expect(page.getByText("Nobody is online.")).toBeVisible();

    await page.goto("/reseller/sessions");
    const form = page.locator("form", { has: page.getByRole("button", { name: `Disconnect ${own.username}` }) });
    await form.locator('input[name="id"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), theirs.id);
    await form.getByRole("button").click();
    await expect(form.getByRole("status")).toHaveText("Customer not found.");
    expect(await liveChangeEvents(theirs.id)).toBe(0);

    await page.goto(`/admin/routers/${router.id}`);
    await expectForbidden(page);
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
