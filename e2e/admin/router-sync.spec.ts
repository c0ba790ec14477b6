// API mode through the browser: a customer assigned to an API-mode router is pushed to it by the
// worker, a hand edit on the router shows as drift, Restore puts ours back; and the walls.
import { expect, test, type Page } from "@playwright/test";
import { saveRouterApi } from "@/lib/routers/router-api-settings";
import { startRouterSim, type RouterSim } from "@/lib/routeros/sim";
import { makeCustomer, makeOperator, makePackage, makeRouter, makeTenant, TEST_PASSWORD, uniq } from "../factories";
import { expectNotFound, signInOperator } from "../helpers";

const sims: RouterSim[] = [];
test.afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
});

async function apiModeRouter() {
  const sim = await startRouterSim({ identity: "Sim-Sync", users: [{ name: "api", password: "sync-pass-1" }] });
  sims.push(sim);
  const t = await makeTenant();
  const router = await makeRouter(t.owner);
  await saveRouterApi(t.owner, router.id, { apiHost: sim.host, apiPort: String(sim.port), apiUsername: "api", apiPassword: "sync-pass-1", mode: "API" });
  const pkg = await makePackage(t.owner, { name: uniq("Sync 10M "), rateDown: "10M", rateUp: "2M" });
  const customer = await makeCustomer(t.owner, { username: uniq("sync"), packageId: pkg.id, routerId: router.id });
  return { sim, t, router, customer };
}

/** Reloads until the text shows: the worker reconciles in the background. */
async function eventually(page: Page, text: string | RegExp) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(text).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
}

test.describe("admin: API-mode sync and drift", () => {
  test("the worker provisions the customer; a hand edit is drift until restored", async ({ page }) => {
    const { sim, t, router, customer } = await apiModeRouter();
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${router.id}/sync`);
    await eventually(page, /last synced/);
    const secret = () => sim.menu("/ppp/secret").rows().find((r) => r.name === customer.username);
    expect(secret()).toBeTruthy();

    sim.menu("/ppp/secret").set(secret()![".id"]!, { disabled: "true" });
    await page.getByRole("button", { name: "Sync now" }).click();
    await eventually(page, "Nothing is overwritten until you choose.");
    const drift = page.getByRole("table", { name: "Differences on the router" });
    await expect(drift).toContainText(customer.username);
    await drift.getByRole("button", { name: "Restore" }).first().click();
    await eventually(page, "No differences: the router holds what we put there.");
    // The restore is written by the next reconcile run, right after.
    await expect.poll(() => secret()!.disabled, { timeout: 30_000 }).toBe("false");

    await page.goto(`/admin/customers/${customer.id}`);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("sync-state").first()).toHaveText("In sync", { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
  });

  test("a manager sees sync state but cannot act; another ISP gets 404", async ({ page }) => {
    const { t, router } = await apiModeRouter();
    const manager = await makeOperator(t.owner, "MANAGER");
    await signInOperator(page, manager.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${router.id}/sync`);
    await expect(page.getByRole("list", { name: "Customers by sync state" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);
    const other = await makeTenant();
    await page.context().clearCookies();
    await signInOperator(page, other.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${router.id}/sync`);
    await expectNotFound(page);
  });
});
