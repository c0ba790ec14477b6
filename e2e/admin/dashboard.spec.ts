import { expect, test } from "@playwright/test";
import { buildTenantDigest } from "@/lib/reports/build-tenant-digest";
import { makeCustomer, makeTenant, TEST_PASSWORD } from "../factories";
import { signInOperator } from "../helpers";

test.describe("admin: dashboard", () => {
  test("shows real counts, and the customer trend once daily digests exist", async ({ page }) => {
    const t = await makeTenant();
    await makeCustomer(t.owner);
    await makeCustomer(t.owner);
    await signInOperator(page, t.email, TEST_PASSWORD);
    await expect(page.getByRole("region", { name: "Customers by status" })).toContainText("2");
    await expect(page.getByTestId("trend-empty")).toBeVisible();

    for (const day of ["2026-11-18", "2026-11-19", "2026-11-20"]) await buildTenantDigest({ tenantId: t.tenantId, day });
    await page.reload();
    await expect(page.getByRole("img", { name: "Customers by status over the last 3 days" })).toBeVisible();
  });
});
