import { expect, test, type Page } from "@playwright/test";
import { SIGN_UP_NEXT_STEP } from "@/lib/tenants/request-sign-up";
import { uniq } from "../factories";

test.describe("ISP signup", () => {
  async function fillSignUp(page: Page, slug: string, email: string) {
    await page.goto("/signup");
    await page.getByLabel("ISP name").fill("Mountain Fibre");
    await page.getByLabel("Address (slug)").fill(slug);
    await page.getByLabel("Country").selectOption("PH");
    await page.getByLabel("Currency").selectOption("PHP");
    await page.getByLabel("Time zone").selectOption("Asia/Manila");
    await page.getByLabel("Your name").fill("Maria Santos");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("mountain-pass-1");
    await page.getByRole("button", { name: "Create ISP" }).click();
  }

  test("a visitor signs up an ISP, signs in and lands in its empty admin panel", async ({ page }) => {
    const slug = uniq("e2e-");
    await fillSignUp(page, slug, `${slug}@mountain.test`);
    await expect(page.getByText(SIGN_UP_NEXT_STEP)).toBeVisible({ timeout: 20_000 });
    await page.getByRole("link", { name: "Sign in", exact: true }).first().click();
    await page.getByLabel("Email").fill(`${slug}@mountain.test`);
    await page.getByLabel("Password").fill("mountain-pass-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin$/, { timeout: 20_000 });
    await expect(page.getByText("Mountain Fibre").first()).toBeVisible();
    await page.getByRole("link", { name: "Customers" }).first().click();
    await expect(page.getByText("No customers match.")).toBeVisible();
  });

  test("an email that already has an account gets the very same answer", async ({ page }) => {
    await fillSignUp(page, uniq("e2e-"), "admin@demo.isp");
    await expect(page.getByText(SIGN_UP_NEXT_STEP)).toBeVisible({ timeout: 20_000 });
    await expect(page.locator("[data-field-error]")).toHaveCount(0);
  });

  test("bad input is reported per field and what was typed is kept", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("ISP name").fill("Mountain Fibre");
    await page.getByLabel("Address (slug)").fill("Bad Slug!");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Create ISP" }).click();
    await expect(page.locator('[data-field-error="slug"]')).toBeVisible();
    await expect(page.locator('[data-field-error="email"]')).toHaveText("Enter a valid email address.");
    await expect(page.locator('[data-field-error="country"]')).toBeVisible();
    await expect(page.locator('[data-field-error="password"]')).toBeVisible();
    await expect(page.getByLabel("ISP name")).toHaveValue("Mountain Fibre");
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });

  test("a taken slug is refused", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("ISP name").fill("Copycat");
    await page.getByLabel("Address (slug)").fill("demo");
    await page.getByLabel("Country").selectOption("KE");
    await page.getByLabel("Currency").selectOption("KES");
    await page.getByLabel("Time zone").selectOption("Africa/Nairobi");
    await page.getByLabel("Your name").fill("Copy Cat");
    await page.getByLabel("Email").fill(`${uniq()}@copycat.test`);
    await page.getByLabel("Password").fill("copycat-pass-1");
    await page.getByRole("button", { name: "Create ISP" }).click();
    await expect(page.locator('[data-field-error="slug"]')).toHaveText("This address is already taken.");
  });
});
