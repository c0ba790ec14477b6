// Prices per tier in Chromium: the owner gives a reseller a special price on its page (a price
// above the customer price is named on its row), the reseller sees it as its cost and margin, and
// prices its own sub-reseller no lower than it pays.
import { expect, test } from "@playwright/test";
import { makeOperator, makePackage, makeTenant, TEST_PASSWORD } from "../factories";
import { signInOperator } from "../helpers";

test("special prices: the owner prices a reseller, the reseller sees its margin and prices its sub-reseller", async ({ browser }) => {
  const t = await makeTenant();
  const reseller = await makeOperator(t.owner, "RESELLER");
  const sub = await makeOperator(reseller.actor, "SUB_RESELLER");
  await makePackage(t.owner, { name: "Home 10M", price: "2500", resellerPrice: "2200", subResellerPrice: "2350", resellerVisible: true });

  const owner = await browser.newPage();
  await signInOperator(owner, t.email, TEST_PASSWORD);
  await owner.goto(`/admin/operators/${reseller.id}`);
  const card = owner.getByTestId("special-prices");
  await expect(card).toContainText("Home 10M");
  await card.getByLabel("Home 10M").fill("2600");
  await card.getByRole("button", { name: "Save prices" }).click();
  await expect(card.locator('[data-field-error^="price."]')).toHaveText("At most the customer price, KES\u00a02,500.00.");
  await card.getByLabel("Home 10M").fill("2000");
  await card.getByRole("button", { name: "Save prices" }).click();
  await expect(card.getByText("Prices saved.")).toBeVisible();
  await expect(card.getByLabel("Home 10M")).toHaveValue("2000.00");

  const page = await browser.newPage();
  await signInOperator(page, reseller.email, TEST_PASSWORD);
  await page.getByRole("link", { name: "Packages" }).click();
  await expect(page).toHaveURL(/\/reseller\/packages$/);
  await expect(page.getByRole("row", { name: /Home 10M/ })).toContainText(/2,500\.00.*2,000\.00.*500\.00/);

  await page.goto(`/reseller/sub-resellers/${sub.id}`);
  const subCard = page.getByTestId("special-prices");
  await subCard.getByLabel("Home 10M").fill("1999");
  await subCard.getByRole("button", { name: "Save prices" }).click();
  await expect(subCard.locator('[data-field-error^="price."]')).toHaveText("At least KES\u00a02,000.00, what the reseller pays.");
  await subCard.getByLabel("Home 10M").fill("2150");
  await subCard.getByRole("button", { name: "Save prices" }).click();
  await expect(subCard.getByText("Prices saved.")).toBeVisible();
});
