import { expect, test } from "@playwright/test";
import { makeCustomer, makeOpenSession, makeOperator, makeRouter, makeTenant, TEST_PASSWORD, uniq } from "../factories";
import { signInOperator } from "../helpers";

test.describe("reseller panel", () => {
  test("a reseller sees its subtree's customers: its own and its sub-reseller's", async ({ page }) => {
    await signInOperator(page, "reseller@demo.isp");
    await page.goto("/reseller/customers?pageSize=50");
    await expect(page.getByText("Showing 1–30 of 30")).toBeVisible();
    await expect(page.getByRole("link", { name: "cust0021", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "cust0036", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "cust0001", exact: true })).toHaveCount(0);
  });

  test("a sub-reseller sees only its own customers and no sub-reseller menu", async ({ page }) => {
    await signInOperator(page, "subreseller@demo.isp");
    await page.goto("/reseller/customers?pageSize=50");
    await expect(page.getByText("Showing 1–15 of 15")).toBeVisible();
    await expect(page.getByRole("link", { name: "cust0021", exact: true })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Sub-resellers" })).toHaveCount(0);
  });

  test("a reseller's Online now lists its subtree's sessions and can disconnect them", async ({ page }) => {
    const t = await makeTenant();
    const router = await makeRouter(t.owner);
    const r = await makeOperator(t.owner, "RESELLER");
    const sub = await makeOperator(r.actor, "SUB_RESELLER");
    const mine = await makeCustomer(sub.actor, { username: uniq("subcust") });
    const isp = await makeCustomer(t.owner, { username: uniq("ispcust") });
    await makeOpenSession(t.tenantId, mine.username, router.nasIp, { framedIp: "10.60.0.2" });
    await makeOpenSession(t.tenantId, isp.username, router.nasIp);
    await signInOperator(page, r.email, TEST_PASSWORD);
    await page.getByRole("link", { name: "Online now" }).click();
    await expect(page).toHaveURL(/\/reseller\/sessions$/);
    const row = page.getByRole("row", { name: new RegExp(mine.username) });
    await expect(row).toContainText("10.60.0.2");
    await expect(page.getByText(isp.username)).toHaveCount(0);
    await expect(page.getByRole("columnheader", { name: "Router" })).toHaveCount(0);
    await row.getByRole("button", { name: `Disconnect ${mine.username}` }).click();
    await expect(row.getByRole("status")).toHaveText("Requested");
    await row.getByRole("link", { name: mine.username }).click();
    await expect(page).toHaveURL(new RegExp(`/reseller/customers/${mine.id}$`));
  });

  test("a reseller creates a sub-reseller and a customer for it", async ({ page }) => {
    const t = await makeTenant();
    const r = await makeOperator(t.owner, "RESELLER", { commissionShare: "60" });
    await signInOperator(page, r.email, TEST_PASSWORD);
    await page.goto("/reseller/sub-resellers/new");
    await expect(page.getByLabel("Parent reseller")).toHaveCount(0);
    await page.getByLabel("Name").fill("Corner Shop");
    await page.getByLabel("Email").fill(`${uniq("c")}@e2e.test`);
    await page.getByLabel("Password").fill("corner-pass-1");
    await page.getByLabel("Commission share (%)").fill("50");
    await page.getByRole("button", { name: "Create operator" }).click();
    await expect(page.getByText("The sub-reseller was created.")).toBeVisible();

    await page.goto("/reseller/customers/new");
    await page.getByLabel("Username").fill("corner01");
    await page.getByLabel("Password").fill("corner01-pass");
    await page.getByLabel("Full name").fill("Corner Customer");
    await page.getByLabel("Owner").selectOption({ label: "Corner Shop (Sub-reseller)" });
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByText("The customer was created.")).toBeVisible();
    await page.goto("/reseller/customers");
    await expect(page.getByRole("row", { name: /corner01/ })).toContainText("Corner Shop");
  });

  test("the profile shows the commission share and billing mode", async ({ page }) => {
    await signInOperator(page, "reseller@demo.isp");
    await page.goto("/reseller/profile");
    await expect(page.getByTestId("commission-share")).toHaveText("60%");
    await expect(page.getByText("Prepaid")).toBeVisible();
  });
});
