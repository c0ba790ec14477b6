import { expect, test } from "@playwright/test";
import { signInCustomer, signInOperator } from "../helpers";

test.describe("sign in", () => {
  const landings: [string, RegExp, string][] = [
    ["admin@demo.isp", /\/admin$/, "Dashboard"],
    ["manager@demo.isp", /\/admin$/, "Dashboard"],
    ["reseller@demo.isp", /\/reseller$/, "Welcome, Riverside Reseller"],
    ["subreseller@demo.isp", /\/reseller$/, "Welcome, Hilltop Sub-reseller"],
  ];
  for (const [email, url, heading] of landings) {
    test(`${email} lands in its own panel`, async ({ page }) => {
      await signInOperator(page, email);
      await expect(page).toHaveURL(url);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.getByText("Demo ISP").first()).toBeVisible();
    });
  }

  test("a wrong password gets a generic message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("admin@demo.isp");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toHaveText("Those details did not match an active account.");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a customer signs in on its ISP's portal", async ({ page }) => {
    await signInCustomer(page, "demo", "cust0001");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Hello,");
    await expect(page.getByTestId("customer-status")).toHaveText("ACTIVE");
  });

  test("operators' and customers' logins are separate doors", async ({ page }) => {
    await page.goto("/portal/demo/login");
    await page.getByLabel("Username").fill("admin@demo.isp");
    await page.getByLabel("Password").fill("demo1234");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toBeVisible();
  });

  test("signing out ends the session", async ({ page }) => {
    await signInOperator(page, "admin@demo.isp");
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  });

  test("pages send security headers", async ({ request }) => {
    const res = await request.get("/login");
    const headers = res.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-content-type-options"]).toBe("nosniff");
  });
});
