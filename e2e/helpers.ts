import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo1234";

export async function signInOperator(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function signInCustomer(page: Page, slug: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`/portal/${slug}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/${slug}$`));
}

/** A 403: Next's forbidden() page. */
export async function expectForbidden(page: Page) {
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
}

export async function expectNotFound(page: Page) {
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
}
