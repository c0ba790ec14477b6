import { expect, test } from "@playwright/test";
import { makeTenant, TEST_PASSWORD, uniq } from "../factories";
import { signInOperator } from "../helpers";

test.describe("admin: operators", () => {
  test("an owner creates a reseller and a sub-reseller under it, and the audit log shows both", async ({ page }) => {
    const t = await makeTenant();
    await signInOperator(page, t.email, TEST_PASSWORD);
    const resellerEmail = `${uniq("r")}@e2e.test`;

    await page.goto("/admin/operators/new");
    await page.getByLabel("Role").selectOption("RESELLER");
    await page.getByLabel("Name").fill("North Reseller");
    await page.getByLabel("Email").fill(resellerEmail);
    await page.getByLabel("Password").fill("north-pass-1");
    await page.getByLabel("Commission share (%)").fill("60");
    await page.getByLabel("Billing mode").selectOption("POSTPAID");
    await page.getByRole("button", { name: "Create operator" }).click();
    await expect(page.getByText("The operator was created.")).toBeVisible();

    await page.goto("/admin/operators/new");
    await page.getByLabel("Role").selectOption("SUB_RESELLER");
    await page.getByLabel("Parent reseller").selectOption({ label: "North Reseller" });
    await page.getByLabel("Name").fill("Village Sub");
    await page.getByLabel("Email").fill(`${uniq("s")}@e2e.test`);
    await page.getByLabel("Password").fill("village-pass-1");
    await page.getByLabel("Commission share (%)").fill("50");
    await page.getByRole("button", { name: "Create operator" }).click();
    await expect(page.getByText("The operator was created.")).toBeVisible();

    await page.goto("/admin/operators?role=SUB_RESELLER");
    const row = page.getByRole("row", { name: /Village Sub/ });
    await expect(row).toContainText("North Reseller");
    await expect(row).toContainText("50%");

    await page.goto("/admin/audit?targetType=Operator");
    await expect(page.getByRole("row", { name: /operator\.create/ })).toHaveCount(3); // owner, reseller, sub-reseller
  });

  test("the form names each bad field", async ({ page }) => {
    const t = await makeTenant();
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto("/admin/operators/new");
    await page.getByLabel("Role").selectOption("RESELLER");
    await page.getByLabel("Name").fill("Keep Me");
    await page.getByLabel("Email").fill("broken");
    await page.getByLabel("Commission share (%)").fill("120");
    await page.getByRole("button", { name: "Create operator" }).click();
    await expect(page.locator('[data-field-error="email"]')).toBeVisible();
    await expect(page.locator('[data-field-error="password"]')).toBeVisible();
    await expect(page.locator('[data-field-error="commissionShare"]')).toHaveText("Between 0 and 100.");
    await expect(page.getByLabel("Name")).toHaveValue("Keep Me");
  });

  test("disabling an operator ends its open session", async ({ browser }) => {
    const t = await makeTenant();
    const email = `${uniq("r")}@e2e.test`;
    const admin = await browser.newPage();
    await signInOperator(admin, t.email, TEST_PASSWORD);
    await admin.goto("/admin/operators/new");
    await admin.getByLabel("Role").selectOption("RESELLER");
    await admin.getByLabel("Name").fill("Soon Gone");
    await admin.getByLabel("Email").fill(email);
    await admin.getByLabel("Password").fill("soon-gone-1");
    await admin.getByRole("button", { name: "Create operator" }).click();
    await expect(admin.getByText("The operator was created.")).toBeVisible();

    const reseller = await browser.newPage();
    await signInOperator(reseller, email, "soon-gone-1");
    await expect(reseller).toHaveURL(/\/reseller$/);

    await admin.getByLabel("Status").selectOption("DISABLED");
    await admin.getByRole("button", { name: "Save changes" }).click();
    await expect(admin.getByText("Operator saved.")).toBeVisible();

    await reseller.goto("/reseller/customers");
    await expect(reseller).toHaveURL(/\/login/);
  });
});
