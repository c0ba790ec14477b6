// Prices per tier in Chromium: the owner gives a reseller a special price on its page (a price
// above the customer price is named on its row), the reseller sees it as its cost and margin,
// prices its own sub-reseller no lower than it pays, and takes a package off its list.
import { expect, test } from "@playwright/test";
import { makeOperator, makePackage, makeTenant, TEST_PASSWORD } from "../factories";
import { signInOperator } from "../helpers";

test("special prices: the owner prices a reseller, the reseller sees its margin and prices its sub-reseller", async ({ browser }) => {
  const t = await makeTenant();
  const reseller = await makeOperator(t.owner, "RESELLER");
  const sub = await makeOperator(reseller.actor, "SUB_RESELLER");
  await makePackage(t.owner, { name: "Home 10M", price: "2500", resellerPrice: "2200", subResellerPrice: "2350", resellerVisible: true });
  await makePackage(t.owner, { name: "Fibre 50M", price: "6000", resellerVisible: true });

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

  // The reseller takes Fibre off its sub-reseller's list: the sub-reseller sells Home 10M only.
  const packages = page.getByTestId("sub-reseller-packages");
  await packages.getByLabel(/Fibre 50M/).uncheck();
  await packages.getByRole("button", { name: "Save packages" }).click();
  await expect(packages.getByText("Packages saved.")).toBeVisible();
  await expect(packages.getByLabel(/Fibre 50M/)).not.toBeChecked();
  const subPage = await browser.newPage();
  await signInOperator(subPage, sub.email, TEST_PASSWORD);
  await subPage.goto("/reseller/packages");
  await expect(subPage.getByRole("row", { name: /Home 10M/ })).toContainText(/2,500\.00.*2,150\.00.*350\.00/);
  await expect(subPage.getByRole("row", { name: /Fibre 50M/ })).toHaveCount(0);
});
