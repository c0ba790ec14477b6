import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createInvoice } from "@/lib/billing/invoices/invoice-services";
import { recordPayment } from "@/lib/billing/payments/payment-services";
import { makeCustomer, makeOperator, makeTenant, TEST_PASSWORD } from "./factories";
import { expectForbidden, signInOperator } from "./helpers";

const SAMPLES = "/work/samples";

/** An ISP with one paid and one open invoice. */
async function ispWithInvoices() {
  const t = await makeTenant();
  const paidBy = (await makeCustomer(t.owner, { name: "Wanjiku Paid" }))!;
  const owes = (await makeCustomer(t.owner, { name: "Otieno Owes" }))!;
  const fee = (customerId: string, unitPrice: string) => createInvoice(t.owner, { customerId, lines: [{ description: "Installation", unitPrice, kind: "ONE_TIME" }], issue: true });
  const paid = await fee(paidBy.id, "1500");
  const open = await fee(owes.id, "2499.50");
  await recordPayment(t.owner, { customerId: paidBy.id, method: "CASH", amount: "1500", idempotencyKey: randomUUID() });
  return { t, paid, open };
}

async function shoot(page: Page, name: string) {
  for (const width of [1366, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.screenshot({ path: `${SAMPLES}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

test.describe("admin: billing lists and settings", () => {
  // Several pages, a download and two screenshots per page: more than the default 45 s on a busy machine.
  test.describe.configure({ timeout: 120_000 });

  test("the owner filters invoices by status, downloads the XLSX, and fixes a bad number pattern", async ({ page }) => {
    const { t, paid, open } = await ispWithInvoices();
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.getByRole("link", { name: "Invoices" }).first().click();
    await expect(page).toHaveURL(/\/admin\/billing\/invoices$/);
    const table = page.getByRole("table");
    await expect(table.getByRole("row", { name: new RegExp(open.number!) })).toContainText("2,499.50");

    await page.getByLabel("Status").selectOption("PAID");
    await expect(page).toHaveURL(/status=PAID/);
    await expect(table.getByRole("row", { name: new RegExp(paid.number!) })).toBeVisible();
    await expect(table.getByRole("row", { name: new RegExp(open.number!) })).toHaveCount(0);
    await shoot(page, "billing-invoices");

    const href = await page.getByRole("link", { name: "Export XLSX" }).getAttribute("href");
    expect(href).toContain("status=PAID");
    const xlsx = await page.request.get(href!);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.headers()["content-disposition"]).toMatch(/attachment; filename=".*-invoices-\d{4}-\d{2}-\d{2}\.xlsx"/);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");

    await page.getByRole("link", { name: "Billing settings" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Billing settings" })).toBeVisible();
    const pattern = page.getByLabel("Invoice numbers");
    await pattern.fill("INV-{YYYY}");
    await expect(page.getByTestId("invoicePattern-preview")).toContainText("{seq}");
    await page.getByRole("button", { name: "Save billing settings" }).click();
    await expect(page.locator("#invoicePattern-error")).toContainText("must contain {seq}");
    await page.getByLabel("Invoice numbers").fill("FAC-{YYYY}-{seq:4}");
    // Two invoice numbers already taken this year: the next is 0003.
    await expect(page.getByTestId("invoicePattern-preview")).toContainText(/FAC-\d{4}-0003/);
    await page.getByRole("button", { name: "Save billing settings" }).click();
    await expect(page.getByText("Billing settings saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Invoice numbers")).toHaveValue("FAC-{YYYY}-{seq:4}");
    await shoot(page, "billing-settings");
  });

  test("payments show the day's cash per collector; a manager cannot open settings; a reseller cannot list invoices", async ({ browser, page }) => {
    const { t } = await ispWithInvoices();
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto("/admin/billing/payments");
    await expect(page.getByTestId("cash-in-hand")).toContainText("Owner Person");
    await expect(page.getByTestId("cash-in-hand")).toContainText("1,500.00");

    const manager = await makeOperator(t.owner, "MANAGER");
    const reseller = await makeOperator(t.owner, "RESELLER");
    const m = await browser.newPage();
    await signInOperator(m, manager.email, TEST_PASSWORD);
    await m.goto("/admin/billing/settings");
    await expectForbidden(m);
    const r = await browser.newPage();
    await signInOperator(r, reseller.email, TEST_PASSWORD);
    await r.goto("/admin/billing/invoices");
    await expectForbidden(r);
    expect((await r.request.get("/admin/billing/invoices/export?format=csv")).status()).toBe(403);
  });
});
