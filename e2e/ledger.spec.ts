import { expect, test } from "@playwright/test";
import { withTenant } from "@/lib/db";
import { postTransaction, systemAccount } from "@/lib/ledger";
import { makeOperator, makeTenant, TEST_PASSWORD } from "./factories";
import { expectForbidden, signInOperator } from "./helpers";

/** A new ISP with one cash sale of KES 1,234.50 in its books. */
async function ispWithSale() {
  const t = await makeTenant();
  await withTenant(t.tenantId, async (tx) => {
    const cash = await systemAccount(tx, t.tenantId, "cash", "KES");
    const revenue = await systemAccount(tx, t.tenantId, "revenue", "KES");
    await postTransaction(tx, t.tenantId, { key: "e2e:sale", event: "test.sale", legs: [{ accountId: cash, amountMinor: 123_450n }, { accountId: revenue, amountMinor: -123_450n }] });
  });
  return t;
}

test.describe("admin: ledger", () => {
  test("the owner sees a balanced trial balance, the chart of accounts, filters it, and runs a reconciliation", async ({ page }) => {
    const t = await ispWithSale();
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.getByRole("link", { name: "Ledger" }).first().click();
    await expect(page).toHaveURL(/\/admin\/billing\/ledger$/);
    await expect(page.getByRole("heading", { level: 1, name: "Ledger" })).toBeVisible();
    await expect(page.getByText("Balanced", { exact: true })).toBeVisible();
    const trial = page.getByRole("table", { name: "Trial balance" });
    await expect(trial.getByRole("row", { name: /KES/ })).toContainText("1,234.50");

    const accounts = page.getByRole("table").last();
    await expect(accounts.getByRole("row", { name: /^cash / })).toContainText("KES 1,234.50");
    // Revenue reads on its normal (credit) side: positive.
    await expect(accounts.getByRole("row", { name: /^revenue / })).toContainText("KES 1,234.50");
    await expect(accounts.getByRole("row", { name: /^revenue / })).not.toContainText("-");

    await page.getByLabel("Type").selectOption("LIABILITY");
    await expect(page).toHaveURL(/type=LIABILITY/);
    await expect(accounts.getByRole("row", { name: /^cash / })).toHaveCount(0);
    await expect(accounts.getByRole("row", { name: /^suspense / })).toBeVisible();

    await expect(page.getByText("No reconciliation has been recorded yet.")).toBeVisible();
    await page.getByRole("button", { name: "Run now" }).click();
    await expect(page.getByText("Reconciliation requested.")).toBeVisible();
    // The worker runs it through the outbox; reload until the recorded run shows.
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("reconciliation-ran-at")).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 45_000 });
    await expect(page.getByText("OK", { exact: true })).toBeVisible();
  });

  test("a manager reads the ledger without Run now; a reseller cannot open it", async ({ browser }) => {
    const t = await ispWithSale();
    const manager = await makeOperator(t.owner, "MANAGER");
    const reseller = await makeOperator(t.owner, "RESELLER");

    const m = await browser.newPage();
    await signInOperator(m, manager.email, TEST_PASSWORD);
    await m.goto("/admin/billing/ledger");
    await expect(m.getByText("Balanced", { exact: true })).toBeVisible();
    await expect(m.getByRole("button", { name: "Run now" })).toHaveCount(0);

    const r = await browser.newPage();
    await signInOperator(r, reseller.email, TEST_PASSWORD);
    await r.goto("/admin/billing/ledger");
    await expectForbidden(r);
  });
});
