// RouterOS through the browser against a simulator: API access with a write-only password, Test
// connection, health, the Live tab (sessions, rates, disconnect), bandwidth control, and the walls.
import { expect, test } from "@playwright/test";
import { saveRouterApi } from "@/lib/routers/router-api-settings";
import { startRouterSim, type RouterSim } from "@/lib/routeros/sim";
import { makeCustomer, makeOperator, makePackage, makeRouter, makeTenant, TEST_PASSWORD, uniq } from "../factories";
import { expectForbidden, expectNotFound, signInOperator } from "../helpers";

const sims: RouterSim[] = [];
test.afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
});

async function routerOnSim() {
  const sim = await startRouterSim({ identity: "Sim-E2E", users: [{ name: "api", password: "e2e-pass-1" }], traffic: true });
  sims.push(sim);
  const t = await makeTenant();
  const router = await makeRouter(t.owner);
  return { sim, t, router };
}

test.describe("admin: router API, health and live view", () => {
  test("an owner saves API access, tests it, and never sees the password again", async ({ page }) => {
    const { sim, t, router } = await routerOnSim();
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${router.id}`);
    await page.getByRole("link", { name: "API & health" }).click();
    await page.getByLabel("API address").fill(sim.host);
    await page.getByLabel("Port").fill(String(sim.port));
    await page.getByLabel("API user").fill("api");
    await page.getByLabel("Password").fill("e2e-pass-1");
    await page.getByRole("button", { name: "Save API access" }).click();
    await expect(page.getByText("API access saved")).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveValue("");
    expect(await page.content()).not.toContain("e2e-pass-1");

    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByTestId("test-connection-result")).toContainText("Sim-E2E, RouterOS 7.19.4");
    // The API log is written in batches (about a second behind).
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("table", { name: "API interactions" })).toContainText("/system/resource/print", { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByText("Online").first()).toBeVisible();
    expect(await page.content()).not.toContain("e2e-pass-1");
  });

  test("the Live tab shows who is online with rates, disconnects, and limits a customer's bandwidth", async ({ page }) => {
    const { sim, t, router } = await routerOnSim();
    await saveRouterApi(t.owner, router.id, { apiHost: sim.host, apiPort: String(sim.port), apiUsername: "api", apiPassword: "e2e-pass-1" });
    await makePackage(t.owner, { name: "Preset 20M", rateDown: "20M", rateUp: "5M" });
    const alice = await makeCustomer(t.owner, { username: uniq("alice") });
    sim.sessions.pppConnect({ name: alice.username, address: "10.20.0.5", callerId: "02:00:00:00:00:05" });
    sim.sessions.pppConnect({ name: "walk-in", address: "10.20.0.6" });

    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${router.id}/live`);
    const sessions = page.getByRole("table", { name: "Active sessions on the router" });
    await expect(sessions.getByRole("link", { name: alice.username })).toBeVisible();
    await expect(sessions).toContainText("10.20.0.5");
    await expect(sessions.getByRole("row").filter({ hasText: alice.username })).toContainText(/bps/, { timeout: 15_000 });

    await page.getByLabel("Customer online").selectOption({ label: `${alice.username} (10.20.0.5)` });
    await page.getByLabel("Preset").selectOption({ label: "Preset 20M (20M/5M)" });
    await page.getByRole("button", { name: "Set limit now" }).click();
    await expect(page.getByText("Limit applied on the router.")).toBeVisible();
    const queues = page.getByRole("table", { name: "Queues on the router" });
    await expect(queues).toContainText("5M/20M", { timeout: 10_000 });
    expect(sim.menu("/queue/simple").rows()).toHaveLength(1);
    await queues.getByRole("button", { name: /Remove limit/ }).click();
    await expect(page.getByText("Limit removed from the router.")).toBeVisible();
    expect(sim.menu("/queue/simple").rows()).toHaveLength(0);

    await sessions.getByRole("button", { name: "Disconnect walk-in" }).click();
    await expect(page.getByText("Disconnected.")).toBeVisible();
    expect(sim.menu("/ppp/active").rows().map((r) => r.name)).toEqual([alice.username]);
  });

  test("a manager watches but cannot act; resellers and other ISPs are kept out", async ({ page, request }) => {
    const { sim, t, router } = await routerOnSim();
    await saveRouterApi(t.owner, router.id, { apiHost: sim.host, apiPort: String(sim.port), apiUsername: "api", apiPassword: "e2e-pass-1" });
    sim.sessions.pppConnect({ name: "someone", address: "10.20.1.5" });
    const manager = await makeOperator(t.owner, "MANAGER");
    await signInOperator(page, manager.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${router.id}/live`);
    await expect(page.getByRole("table", { name: "Active sessions on the router" })).toContainText("someone");
    await expect(page.getByRole("button", { name: /Disconnect/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Set limit now" })).toHaveCount(0);
    await page.goto(`/admin/routers/${router.id}/api`);
    await expect(page.getByRole("button", { name: "Save API access" })).toHaveCount(0);

    const other = await makeTenant();
    await page.context().clearCookies();
    await signInOperator(page, other.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${router.id}/live`);
    await expectNotFound(page);
    const api = await page.request.get(`/api/routers/${router.id}/live`);
    expect(api.status()).toBe(404);

    const reseller = await makeOperator(t.owner, "RESELLER");
    await page.context().clearCookies();
    await signInOperator(page, reseller.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${router.id}/live`);
    await expectForbidden(page);
    expect((await page.request.get(`/api/routers/${router.id}/bandwidth`)).status()).toBe(403);
    expect((await request.get(`/api/routers/${router.id}/live`)).status()).toBe(401);
  });
});
