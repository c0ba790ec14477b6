// Issue 11's flow in Chromium: a customer created on a monthly package gets its first invoice with
// the right number; a customer past due and grace is locked (FreeRADIUS's answer, computed by the
// same function FreeRADIUS calls, changes); one cash payment clears the debt, the receipt PDF
// opens, and the customer is unlocked at once.
import { expect, test } from "@playwright/test";
import { withTenant } from "@/lib/db";
import { billingContext } from "@/lib/billing/billing-context";
import { createDraftInvoice, issueInvoice } from "@/lib/billing/invoices/issue-invoice";
import { lockOverdueCustomer, overdueUnlockedCustomers } from "@/lib/billing/locks";
import { makePackage, makeTenant, TEST_PASSWORD } from "../factories";
import { signInOperator } from "../helpers";

/** What FreeRADIUS would answer for this login: radius_authorize, the function its queries call. */
async function radiusAnswer(tenantId: string, username: string) {
  const rows = await withTenant(tenantId, (tx) => tx.$queryRaw<{ attribute: string; value: string }[]>`SELECT attribute, value FROM radius_authorize(${tenantId}::uuid, ${username}) ORDER BY attribute`);
  return rows.filter((r) => r.attribute !== "Cleartext-Password").map((r) => `${r.attribute}=${r.value}`);
}

test.describe("billing: invoice, payment, receipt, lock and unlock", () => {
  test("a monthly customer is invoiced with the right number, locked past grace, and unlocked by a cash payment", async ({ page }) => {
    test.setTimeout(120_000);
    const t = await makeTenant();
    await withTenant(t.tenantId, (tx) =>
      tx.billingSettings.update({ where: { tenantId: t.tenantId }, data: { defaultMode: "MONTHLY_ADVANCE", billingDay: 1, dueDays: 7, graceDays: 3, invoicePattern: "INV-{YYYY}-{seq:5}" } }),
    );
    await makePackage(t.owner, { name: "Fibre 20M", price: "3000", validityValue: 1, validityUnit: "MONTH", rateDown: "20M", rateUp: "5M" });
    await signInOperator(page, t.email, TEST_PASSWORD);

    // Created in the form, on the monthly package.
    await page.goto("/admin/customers/new");
    await page.getByLabel("Username").fill("wanjiku.m");
    await page.getByLabel("Password").fill("wanjiku-pass-1");
    await page.getByLabel("Full name").fill("Wanjiku Mwangi");
    await page.getByLabel("Package").selectOption({ label: "Fibre 20M" });
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByText("The customer was created.")).toBeVisible();
    const customerId = page.url().match(/customers\/([0-9a-f-]{36})/)![1]!;

    // Its first invoice: the tenant's first number this year.
    const year = new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Nairobi", year: "numeric" }).format(new Date());
    const panel = page.getByTestId("customer-billing");
    await panel.getByRole("tab", { name: /Invoices/ }).click();
    await expect(panel.getByRole("link", { name: `INV-${year}-00001` })).toBeVisible();

    // Last month's invoice, issued 40 days ago and never paid; the lock sweep (the job's function) runs.
    const { number: overdueNumber } = await withTenant(t.tenantId, async (tx) => {
      const ctx = await billingContext(tx, t.tenantId);
      const draft = await createDraftInvoice(tx, ctx, { customerId, source: "BILL_RUN", lines: [{ kind: "PERIOD", description: "Fibre 20M, last month", unitPriceMinor: 3000_00n }] });
      return issueInvoice(tx, ctx, draft.id, { at: new Date(Date.now() - 40 * 86_400_000) });
    });
    expect(overdueNumber).toBe(`INV-${year}-00002`);
    const inService = await radiusAnswer(t.tenantId, "wanjiku.m");
    expect(inService.join(" ")).toContain("20M");
    await withTenant(t.tenantId, async (tx) => {
      const ctx = await billingContext(tx, t.tenantId);
      for (const id of await overdueUnlockedCustomers(tx, ctx, new Date(), 10)) await lockOverdueCustomer(tx, ctx, id, null);
    });
    const locked = await radiusAnswer(t.tenantId, "wanjiku.m");
    expect(locked).not.toEqual(inService);
    expect(locked.join(" ")).not.toContain("20M");
    await page.reload();
    await expect(panel.getByText("Locked for non-payment")).toBeVisible();

    // One cash payment for everything owed.
    await page.getByTestId("customer-actions").getByRole("button", { name: "Record payment", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(/Amount/).fill("6000");
    await dialog.getByRole("button", { name: "Record payment" }).click();
    const notice = page.getByTestId("billing-notice");
    await expect(notice).toContainText(/Payment recorded: receipt RCT-\d{4}-\d{6}/);
    const receipt = (await notice.textContent())!.match(/RCT-\d{4}-\d{6}/)![0];

    // Unlocked at once: FreeRADIUS's answer is the package's again, and the page says so.
    await expect.poll(() => radiusAnswer(t.tenantId, "wanjiku.m"), { timeout: 5_000 }).toEqual(inService);
    await page.reload();
    await expect(panel.getByText("Locked for non-payment")).toHaveCount(0);

    // The receipt opens as a PDF.
    await panel.getByRole("tab", { name: /Payments/ }).click();
    const href = await panel.getByRole("link", { name: receipt }).getAttribute("href");
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });
});
