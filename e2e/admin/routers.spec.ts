// Routers: the RADIUS secret is shown once (never in a URL, never again after a reload), rotation,
// field errors, and the walls (resellers, managers, other tenants).
import { expect, test } from "@playwright/test";
import { makeRouter, uniqueLoopback } from "@/lib/testing/factories";
import { liveChangeEvents, makeCustomer, makeOpenSession, makeTenant, TEST_PASSWORD, uniq } from "../factories";
import { expectForbidden, expectNotFound, signInOperator } from "../helpers";

test.describe("admin: routers", () => {
  test("an owner adds a router and sees its secret once", async ({ page }) => {
    const t = await makeTenant();
    await signInOperator(page, t.email, TEST_PASSWORD);
    const name = uniq("Tower ");
    const nasIp = uniqueLoopback();

    await page.goto("/admin/routers");
    await page.getByRole("link", { name: "New router" }).click();
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("NAS IP").fill(nasIp);
    await page.getByLabel("Site").fill("Hill top");
    await page.getByRole("button", { name: "Add router" }).click();

    const box = page.getByTestId("router-secret");
    await expect(box).toBeVisible();
    await expect(box).toContainText("Copy it now: it will not be shown again");
    const field = box.getByLabel("RADIUS secret");
    await expect(field).toHaveValue(/^[A-Za-z0-9]{24}$/);
    await expect(field).toHaveAttribute("readonly", "");
    const secret = await field.inputValue();
    expect(page.url()).not.toContain(secret);

    await page.getByRole("link", { name: "Open the router's page" }).click();
    await expect(page).toHaveURL(/\/admin\/routers\/[0-9a-f-]{36}$/);
    expect(page.url()).not.toContain(secret);
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByLabel("RouterOS commands")).toContainText(`src-address=${nasIp}`);
    await expect(page.getByLabel("RouterOS commands")).toContainText("secret=<the secret you copied>");
    await expect(page.getByLabel("RouterOS commands")).toContainText("/radius incoming set accept=yes port=3799");
    await expect(page.getByTestId("router-secret")).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByTestId("router-secret")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    await page.goto("/admin/routers");
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText(nasIp);
    await expect(row).toContainText("Hill top");
    await expect(row).toContainText("Active");
  });

  test("rotating the secret shows the new one once; edits are saved", async ({ page }) => {
    const t = await makeTenant();
    const router = await makeRouter(t.owner, { secret: "old-secret-not-shown-0001" });
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${router.id}`);
    expect(await page.content()).not.toContain("old-secret-not-shown-0001");

    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Generate a new secret" }).click();
    const field = page.getByTestId("router-secret").getByLabel("New RADIUS secret");
    await expect(field).toHaveValue(/^[A-Za-z0-9]{24}$/);
    const secret = await field.inputValue();
    expect(secret).not.toBe("old-secret-not-shown-0001");
    await page.reload();
    await expect(page.getByTestId("router-secret")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    await page.getByLabel("Site").fill("Back office");
    await page.getByLabel("Status").selectOption("DISABLED");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Router saved.")).toBeVisible();
    await expect(page.getByLabel("Status")).toHaveValue("DISABLED");
  });

  test("a bad address names the field and keeps what was typed", async ({ page }) => {
    const t = await makeTenant();
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto("/admin/routers/new");
    await page.getByLabel("Name").fill("Keep Me");
    await page.getByLabel("NAS IP").fill("300.1.2.3");
    await page.getByRole("button", { name: "Add router" }).click();
    await expect(page.locator('[data-field-error="nasIp"]')).toHaveText("An IPv4 or IPv6 address, as FreeRADIUS sees the router.");
    await expect(page.getByLabel("Name")).toHaveValue("Keep Me");
    await expect(page.getByLabel("NAS IP")).toHaveValue("300.1.2.3");
    await expect(page.getByTestId("router-secret")).toHaveCount(0);
  });

  test("the CoA port and the Message-Authenticator requirement come from the form; a zone id is a field error; Verify asks the router", async ({ page }) => {
    const t = await makeTenant();
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto("/admin/routers/new");
    const name = uniq("Ridge ");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("NAS IP").fill("fe80::1%eth0");
    await page.getByLabel("CoA port").fill("1700");
    await page.getByLabel("Require Message-Authenticator").uncheck();
    await page.getByRole("button", { name: "Add router" }).click();
    await expect(page.locator('[data-field-error="nasIp"]')).toContainText("No zone id");
    await page.getByLabel("NAS IP").fill(uniqueLoopback());
    await page.getByRole("button", { name: "Add router" }).click();
    await page.getByRole("link", { name: "Open the router's page" }).click();

    const commands = page.getByLabel("RouterOS commands");
    await expect(commands).toContainText("/radius incoming set accept=yes port=1700");
    await expect(commands).not.toContainText("require-message-auth");
    await expect(page.getByLabel("CoA port")).toHaveValue("1700");
    await expect(page.getByLabel("Require Message-Authenticator")).not.toBeChecked();
    await page.getByLabel("Require Message-Authenticator").check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Router saved.")).toBeVisible();
    await expect(commands).toContainText("require-message-auth=yes-for-request-resp");

    await expect(page.getByText("Not verified yet.")).toBeVisible();
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByText("No signed answer from the router's CoA port.")).toBeVisible({ timeout: 15_000 });
  });

  test("the router page lists who is online on it, with a disconnect button per session", async ({ page }) => {
    const t = await makeTenant();
    const router = await makeRouter(t.owner);
    const elsewhere = await makeRouter(t.owner);
    const here = await makeCustomer(t.owner, { username: uniq("here") });
    const away = await makeCustomer(t.owner, { username: uniq("away") });
    await makeOpenSession(t.tenantId, here.username, router.nasIp, { framedIp: "10.20.30.40", callingStationId: "AA:BB:CC:DD:EE:42" });
    await makeOpenSession(t.tenantId, away.username, elsewhere.nasIp);
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${router.id}`);
    const sessions = page.getByRole("region", { name: "Sessions on this router" });
    const row = sessions.getByRole("row", { name: new RegExp(here.username) });
    await expect(row).toContainText("10.20.30.40");
    await expect(row).toContainText("AA:BB:CC:DD:EE:42");
    await expect(row).toContainText("1.5 GB");
    await expect(sessions.getByRole("columnheader", { name: "Last update" })).toBeVisible();
    await expect(sessions.getByText(away.username)).toHaveCount(0);
    await row.getByRole("button", { name: `Disconnect ${here.username}` }).click();
    await expect(row.getByRole("status")).toHaveText("Requested");
    expect(await liveChangeEvents(here.id)).toBe(1);
    await row.getByRole("link", { name: here.username }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/customers/${here.id}$`));
  });

  test("resellers get 403, managers read only, and another tenant's router is not found", async ({ browser }) => {
    const reseller = await browser.newPage();
    await signInOperator(reseller, "reseller@demo.isp");
    for (const path of ["/admin/routers", "/admin/routers/new"]) {
      await reseller.goto(path);
      await expectForbidden(reseller);
    }

    const manager = await browser.newPage();
    await signInOperator(manager, "manager@demo.isp");
    await manager.goto("/admin/routers");
    await expect(manager.getByRole("link", { name: "New router" })).toHaveCount(0);
    await manager.getByRole("link", { name: "Demo Router 1" }).click();
    await expect(manager.getByText("You can view this router but not change it.")).toBeVisible();
    await expect(manager.getByRole("button", { name: "Rotate secret" })).toHaveCount(0);
    await manager.goto("/admin/routers/new");
    await expectForbidden(manager);

    const other = await makeTenant();
    const theirs = await makeRouter(other.owner);
    const admin = await browser.newPage();
    await signInOperator(admin, "admin@demo.isp");
    await admin.goto(`/admin/routers/${theirs.id}`);
    await expectNotFound(admin);
    await expect(admin.getByText(theirs.name)).toHaveCount(0);
    await admin.goto("/admin/routers/not-a-uuid");
    await expectNotFound(admin);
  });
});
