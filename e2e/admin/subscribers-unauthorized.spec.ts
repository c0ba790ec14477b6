// Walls around the subscriber pages and actions: other tenants' ids, resellers, customers.
import { expect, test } from "@playwright/test";
import { parseCsv } from "@/lib/csv/csv";
import { demoIds, makeCustomer, makeTenant, TEST_PASSWORD } from "../factories";
import { expectForbidden, signInCustomer, signInOperator } from "../helpers";

test.describe("subscribers: unauthorized access", () => {
  test("another tenant's customer id in the reveal-password payload reveals nothing", async ({ page }) => {
    const other = await makeTenant();
    const victim = await makeCustomer(other.owner, { password: "victim-secret-1" });
    const mine = await makeTenant();
    const own = await makeCustomer(mine.owner);
    await signInOperator(page, mine.email, TEST_PASSWORD);
    await page.goto(`/admin/customers/${own.id}`);
    await page.locator("form", { has: page.getByRole("button", { name: "Show password" }) }).locator('input[name="id"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), victim.id);
    await page.getByRole("button", { name: "Show password" }).click();
    await expect(page.getByText("Customer not found.")).toBeVisible();
    await expect(page.getByText("victim-secret-1")).toHaveCount(0);
  });

  test("resellers cannot reach the ISP's sessions or import; their export holds only their subtree", async ({ page }) => {
    await signInOperator(page, "reseller@demo.isp");
    for (const path of ["/admin/sessions", "/admin/customers/import", "/admin/packages", "/admin/routers"]) {
      await page.goto(path);
      await expectForbidden(page);
    }
    const res = await page.request.get("/api/customers/export");
    expect(res.status()).toBe(200);
    const usernames = parseCsv(await res.text()).slice(1).map((r) => r[0]);
    expect(usernames).toHaveLength(30);
    expect(usernames).not.toContain("cust0001");
  });

  test("a customer cannot export customers or open an operator's customer page", async ({ page }) => {
    const ids = await demoIds();
    await signInCustomer(page, "demo", "cust0002");
    expect((await page.request.get("/api/customers/export")).status()).toBe(401);
    await page.goto(`/admin/customers/${ids.customer("cust0003")}`);
    await expectForbidden(page);
  });
});
