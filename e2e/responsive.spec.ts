import { expect, test } from "@playwright/test";
import { signInOperator } from "./helpers";

test("on a phone the sidebar folds into a menu", async ({ page }) => {
  await signInOperator(page, "admin@demo.isp");
  const open = page.getByRole("button", { name: "Open menu" });
  await expect(open).toBeVisible();
  await open.click();
  await page.getByRole("link", { name: "Customers" }).click();
  await expect(page).toHaveURL(/\/admin\/customers$/);
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
});
