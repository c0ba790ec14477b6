// Vouchers in Chromium: a reseller buys a batch of cards from its wallet, the job makes them (the
// bar fills, then the CSV and the PDF card sheets are offered), and the ISP's owner redeems one of
// its codes for a customer on the customer's page: the customer's expiry moves on. Lost cards are
// revoked on the batch's page and refunded to the wallet.
import { expect, test } from "@playwright/test";
import { withTenant } from "@/lib/db";
import { pdfPages } from "@/lib/documents/testing/pdf-inspect";
import { fundWallet, makeCustomer, makeOperator, makePackage, makeTenant, TEST_PASSWORD, uniq } from "../factories";
import { signInOperator } from "../helpers";

test("a reseller buys cards, downloads them, and a customer is recharged with one", async ({ browser }) => {
  test.setTimeout(120_000);
  const t = await makeTenant();
  const reseller = await makeOperator(t.owner, "RESELLER");
  await makePackage(t.owner, { name: "Hotspot day", price: "100", resellerPrice: "80", resellerVisible: true, validityValue: 1, validityUnit: "DAY" });
  await fundWallet(t.owner, reseller.id, "10000");

  const page = await browser.newPage();
  await signInOperator(page, reseller.email, TEST_PASSWORD);
  await page.goto("/reseller/vouchers");
  const form = page.getByTestId("voucher-batch-form");
  await form.getByLabel("Package").selectOption({ label: "Hotspot day (KES\u00a0100.00)" });
  await form.getByLabel("Quantity").fill("50");
  await form.getByLabel("Prefix").fill("hs");
  await form.getByRole("button", { name: "Buy cards" }).click();
  await expect(form.getByText("The batch is being made")).toBeVisible();
  // The worker makes the cards; the page shows the file once the batch is ready.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("batch-1").getByRole("link", { name: "CSV" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const csv = await page.request.get((await page.getByTestId("batch-1").getByRole("link", { name: "CSV" }).getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\n");
  expect(lines).toHaveLength(51);
  const code = lines[1]!.split(",")[1]!.replaceAll('"', "");
  expect(code).toMatch(/^HS[2-9A-Z]{2}(-[2-9A-Z]{1,4})+$/);
  // The same cards as A4 sheets to print: 21 a page, so 50 cards are 3 pages.
  const pdf = await page.request.get((await page.getByTestId("batch-1").getByRole("link", { name: "PDF" }).getAttribute("href"))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toContain('filename="vouchers-batch-1.pdf"');
  const sheets = await pdf.body();
  expect(sheets.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdfPages(sheets).count).toBe(3);
  await page.goto("/reseller/wallet");
  await expect(page.getByTestId("wallet-balance")).toHaveText("KES\u00a06,000.00");
  // Five cards went missing: the reseller revokes them on the batch's page and gets its 400 back.
  await page.goto("/reseller/vouchers");
  await page.getByTestId("batch-1").getByRole("link", { name: "#1" }).click();
  const revoke = page.getByTestId("voucher-revoke-form");
  const serial = Number(lines[50]!.split(",")[0]);
  await revoke.getByLabel("From serial").fill(String(serial - 4));
  await revoke.getByLabel("To serial").fill(String(serial));
  await revoke.getByLabel("Reason").fill("lost at the shop");
  await revoke.getByRole("button", { name: "Revoke unused cards" }).click();
  await expect(revoke.getByText("Revoked: those cards no longer work.")).toBeVisible();
  await page.goto("/reseller/wallet");
  await expect(page.getByTestId("wallet-balance")).toHaveText("KES\u00a06,400.00");

  const customer = (await makeCustomer(t.owner, { username: uniq("card") }))!;
  const owner = await browser.newPage();
  await signInOperator(owner, t.email, TEST_PASSWORD);
  await owner.goto(`/admin/customers/${customer.id}`);
  const redeem = owner.getByTestId("redeem");
  await redeem.getByLabel("Card code").fill(code.toLowerCase());
  await redeem.getByRole("button", { name: "Redeem card" }).click();
  await expect(redeem.getByText("Card redeemed: the customer's expiry is extended.")).toBeVisible();
  const after = await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: customer.id } }));
  expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
  // The same code again: refused without saying why.
  await redeem.getByLabel("Card code").fill(code);
  await redeem.getByRole("button", { name: "Redeem card" }).click();
  await expect(redeem.getByText("This code is not valid, or was already used.").first()).toBeVisible();
});
