// One-click setup through the browser against a simulator: preview, apply with progress per step,
// then a second preview with nothing left to change; and the walls.
import { expect, test } from "@playwright/test";
import { saveRouterApi } from "@/lib/routers/router-api-settings";
import { startRouterSim, type RouterSim } from "@/lib/routeros/sim";
import { makeOperator, makeRouter, makeTenant, TEST_PASSWORD } from "../factories";
import { expectNotFound, signInOperator } from "../helpers";

const sims: RouterSim[] = [];
test.afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
});

async function routerOnSim() {
  const sim = await startRouterSim({ identity: "Sim-Setup", users: [{ name: "api", password: "setup-pass-1" }] });
  sims.push(sim);
  const t = await makeTenant();
  const router = await makeRouter(t.owner);
  await saveRouterApi(t.owner, router.id, { apiHost: sim.host, apiPort: String(sim.port), apiUsername: "api", apiPassword: "setup-pass-1" });
  return { sim, t, router };
}

test.describe("admin: one-click router setup", () => {
  test("preview, apply with progress, then nothing left to change; the router's own rules stay", async ({ page }) => {
    const { sim, t, router } = await routerOnSim();
    sim.menu("/ip/firewall/filter").add({ chain: "input", action: "accept", protocol: "icmp", comment: "operator rule" });
    await signInOperator(page, t.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${router.id}/setup`);
    await expect(page.getByText("Never applied.")).toBeVisible();
    await page.getByRole("button", { name: "Preview changes" }).click();
    await expect(page.getByText(/\d+ to add, \d+ to change/)).toBeVisible();
    await expect(page.getByTestId("router-setup-diff")).toContainText("Add");

    await page.getByRole("button", { name: "Apply" }).click();
    const progress = page.getByTestId("router-setup-progress");
    await expect(progress).toBeVisible();
    await expect(page.getByText(/Last applied/)).toBeVisible({ timeout: 30_000 });
    expect(sim.menu("/radius").rows()).toHaveLength(1);
    expect(sim.menu("/ip/firewall/filter").rows().some((r) => r.comment === "operator rule")).toBe(true);

    await page.getByRole("button", { name: /Preview/ }).click();
    await expect(page.getByText("Nothing to change: the router is set up.")).toBeVisible();
  });

  test("a manager cannot set a router up; another ISP gets 404", async ({ page }) => {
    const { t, router } = await routerOnSim();
    const manager = await makeOperator(t.owner, "MANAGER");
    await signInOperator(page, manager.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${router.id}/setup`);
    await expect(page.getByText("Configuring the router needs an owner or admin.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Preview changes" })).toHaveCount(0);
    const other = await makeTenant();
    await page.context().clearCookies();
    await signInOperator(page, other.email, TEST_PASSWORD);
    await page.goto(`/admin/routers/${router.id}/setup`);
    await expectNotFound(page);
  });
});
