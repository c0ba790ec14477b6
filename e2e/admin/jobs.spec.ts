import { expect, test } from "@playwright/test";
import { makeFailedDigestRun, makeTenant, TEST_PASSWORD } from "../factories";
import { expectForbidden, expectNotFound, signInOperator } from "../helpers";

test.describe("admin: jobs", () => {
  test("an admin sees a failed run with its error, re-runs it, and watches the new run complete", async ({ page }) => {
    const t = await makeTenant();
    const failed = await makeFailedDigestRun(t.tenantId, "2026-11-20");
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.getByRole("link", { name: "Jobs" }).first().click();
    const row = page.getByRole("row", { name: /Tenant digest/ });
    await expect(row).toContainText("Failed");
    await expect(row).toContainText("ECONNREFUSED");
    await row.getByRole("link", { name: "Tenant digest" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/jobs/${failed.id}$`));
    await expect(page.getByTestId("run-error")).toContainText("ECONNREFUSED");
    await page.getByRole("button", { name: "Re-run" }).click();
    await expect(page.getByText("Re-run requested.")).toBeVisible();

    await page.getByRole("link", { name: "Jobs" }).first().click();
    // The worker picks the request up through the outbox; the list refreshes itself while busy.
    // Other specs' router and RADIUS jobs share the e2e worker's slots, hence the generous wait.
    await expect(page.getByRole("row", { name: /rerun/ })).toContainText("Completed", { timeout: 45_000 });
    await expect(page.getByRole("row", { name: /rerun/ })).toContainText("1/6");
    await page.goto("/admin/audit?targetType=JobRun");
    await expect(page.getByRole("row", { name: /job\.rerun/ })).toBeVisible();
  });

  test("platform runs and other tenants' runs are invisible; resellers cannot open jobs", async ({ browser }) => {
    const other = await makeTenant();
    const theirs = await makeFailedDigestRun(other.tenantId, "2026-11-19");
    const admin = await browser.newPage();
    await signInOperator(admin, "admin@demo.isp");
    await admin.goto("/admin/jobs");
    // The demo seed asked for its first digest; the worker ran it through the outbox.
    await expect(admin.getByRole("row", { name: /Tenant digest/ }).first()).toContainText("Completed", { timeout: 20_000 });
    await expect(admin.getByText("find tenants whose day ended")).toHaveCount(0);
    await admin.goto(`/admin/jobs/${theirs.id}`);
    await expectNotFound(admin);

    const reseller = await browser.newPage();
    await signInOperator(reseller, "reseller@demo.isp");
    await reseller.goto("/admin/jobs");
    await expectForbidden(reseller);
  });

  test("a manager sees runs but cannot re-run them", async ({ page }) => {
    await signInOperator(page, "manager@demo.isp");
    await page.goto("/admin/jobs");
    await expect(page.getByRole("heading", { level: 1, name: "Jobs" })).toBeVisible();
  });
});
