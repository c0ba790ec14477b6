// Packages: created and edited through the form, field errors that keep what was typed, archiving,
// and the walls (resellers, managers, other tenants).
import { expect, test } from "@playwright/test";
import { makePackage } from "@/lib/testing/factories";
import { makeTenant, TEST_PASSWORD, uniq } from "../factories";
import { expectForbidden, expectNotFound, signInOperator } from "../helpers";

test.describe("admin: packages", () => {
  test("an owner creates a package through the form, edits it and archives it", async ({ page }) => {
    const t = await makeTenant();
    await signInOperator(page, t.email, TEST_PASSWORD);
    const name = uniq("Home ");

    await page.goto("/admin/packages");
    await page.getByRole("link", { name: "New package" }).click();
    await expect(page).toHaveURL(/\/admin\/packages\/new$/);
    await page.getByLabel("Name").fill(name);
    await page.getByLabel(/^Price \(KES\)/).fill("2500");
    await page.getByLabel("Validity").fill("30");
    await page.getByLabel("Unit").selectOption("DAY");
    await page.getByLabel("Download rate").fill("10M");
    await page.getByLabel("Upload rate").fill("2M");
    await page.getByLabel("Hotspot").check();
    await page.getByLabel("Sold by resellers").check();
    await page.getByLabel("Reseller buy price (KES)", { exact: true }).fill("2200");
    await page.getByLabel("Sub-reseller buy price (KES)").fill("2350");
    await page.getByRole("button", { name: "Create package" }).click();

    await expect(page).toHaveURL(/\/admin\/packages\/[0-9a-f-]{36}\?created=1$/);
    await expect(page.getByText("The package was created.")).toBeVisible();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByLabel("Download rate")).toHaveValue("10M");
    await expect(page.getByLabel("PPPoE")).toBeChecked();
    await expect(page.getByLabel("Hotspot")).toBeChecked();
    await expect(page.getByLabel("Static")).not.toBeChecked();

    // A customer price below what resellers buy at is named on the buy price, and nothing is saved.
    await page.getByLabel(/^Price \(KES\)/).fill("12.50");
    await page.getByLabel("Upload rate").fill("1.5M");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.locator('[data-field-error="resellerPrice"]')).toHaveText("At most the customer price.");
    await page.getByLabel("Reseller buy price (KES)", { exact: true }).fill("10");
    await page.getByLabel("Sub-reseller buy price (KES)").fill("11.25");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Package saved.")).toBeVisible();
    await expect(page.getByLabel(/^Price \(KES\)/)).toHaveValue("12.50");

    await page.goto("/admin/packages");
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("10M / 1.5M");
    await expect(row).toContainText("12.50");
    await expect(row).toContainText("10.00");
    await expect(row).toContainText("11.25");
    await expect(row).toContainText("30 days");
    await expect(row).toContainText("PPPoE, Hotspot");
    await expect(row).toContainText("Active");

    await row.getByRole("link", { name }).click();
    await page.getByRole("button", { name: "Archive" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Archive package" }).click();
    await expect(page.getByText("This package is archived")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  });

  test("a bad rate names the field and the form keeps what was typed", async ({ page }) => {
    const t = await makeTenant();
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto("/admin/packages/new");
    await page.getByLabel("Name").fill("Keep Me");
    await page.getByLabel(/^Price \(KES\)/).fill("1500");
    await page.getByLabel("Download rate").fill("10 Mbps");
    await page.getByLabel("Upload rate").fill("2M");
    await page.getByLabel("Static").check();
    await page.getByLabel("PPPoE").uncheck();
    await page.getByRole("button", { name: "Create package" }).click();

    await expect(page.locator('[data-field-error="rateDown"]')).toHaveText("Download: a RouterOS rate like 512k, 10M or 1G, at most 100G.");
    await expect(page.getByLabel("Download rate")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator('[data-field-error="rateUp"]')).toHaveCount(0);
    await expect(page.getByLabel("Name")).toHaveValue("Keep Me");
    await expect(page.getByLabel("Download rate")).toHaveValue("10 Mbps");
    await expect(page.getByLabel("Static")).toBeChecked();
    await expect(page.getByLabel("PPPoE")).not.toBeChecked();
    await expect(page).toHaveURL(/\/admin\/packages\/new$/);

    await page.getByLabel("Static").uncheck();
    await page.getByLabel("Download rate").fill("10M");
    await page.getByRole("button", { name: "Create package" }).click();
    await expect(page.locator('[data-field-error="connectionTypes"]')).toHaveText("Choose at least one connection type.");
  });

  test("resellers get 403, managers read only, and another tenant's package is not found", async ({ browser }) => {
    const reseller = await browser.newPage();
    await signInOperator(reseller, "reseller@demo.isp");
    for (const path of ["/admin/packages", "/admin/packages/new"]) {
      await reseller.goto(path);
      await expectForbidden(reseller);
    }
    // Their own list: the customer price, what a period costs them and what they keep (demo: Home 10M at 2,500, bought at 2,200).
    await reseller.goto("/reseller/packages");
    const home = reseller.getByRole("row", { name: /Home 10M/ });
    await expect(home).toContainText(/2,500\.00.*2,200\.00.*300\.00/);
    await expect(reseller.getByRole("columnheader", { name: "Your margin" })).toBeVisible();
    await expect(reseller.getByRole("columnheader", { name: /Reseller buys at/ })).toHaveCount(0);

    const manager = await browser.newPage();
    await signInOperator(manager, "manager@demo.isp");
    await manager.goto("/admin/packages");
    await expect(manager.getByRole("link", { name: "New package" })).toHaveCount(0);
    await manager.getByRole("link", { name: "Home 10M" }).click();
    await expect(manager.getByText("You can view this package but not change it.")).toBeVisible();
    await expect(manager.getByRole("button", { name: "Save changes" })).toHaveCount(0);
    await expect(manager.getByRole("button", { name: "Archive" })).toHaveCount(0);
    await manager.goto("/admin/packages/new");
    await expectForbidden(manager);

    const other = await makeTenant();
    const theirs = await makePackage(other.owner);
    const admin = await browser.newPage();
    await signInOperator(admin, "admin@demo.isp");
    await admin.goto(`/admin/packages/${theirs.id}`);
    await expectNotFound(admin);
    await admin.goto("/admin/packages/not-a-uuid");
    await expectNotFound(admin);
  });
});
