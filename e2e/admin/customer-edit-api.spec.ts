// Editing an API-mode customer in the browser (findings 17 and 18): the form shows the customer's
// router, a rename changes nothing on the router (its PPP secret, hotspot user, queue,
// address-list entry, ARP entry and DHCP lease stay, same items, same fields, session untouched),
// and a suspension reaches the router now: the secret's profile and the end of its live session.
import { expect, test, type Page } from "@playwright/test";
import { withSystem } from "@/lib/db";
import { saveProvisioningSettings } from "@/lib/routers/provisioning/provisioning-settings";
import { CAPTIVE_PROFILE } from "@/lib/routers/provisioning/desired-state";
import { saveRouterApi } from "@/lib/routers/router-api-settings";
import { startRouterSim, type RouterSim } from "@/lib/routeros/sim";
import { makeCustomer, makePackage, makeRouter, makeTenant, TEST_PASSWORD, uniq } from "../factories";
import { signInOperator } from "../helpers";

const sims: RouterSim[] = [];
test.afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
});

const MENUS = ["/ppp/secret", "/ip/hotspot/user", "/queue/simple", "/ip/firewall/address-list", "/ip/arp", "/ip/dhcp-server/lease"];

/** Everything of these customers' on the router, item ids included (a delete and re-add would show). */
function itemsOf(sim: RouterSim, customerIds: string[]) {
  return MENUS.flatMap((path) =>
    sim
      .menu(path)
      .rows()
      .filter((r) => customerIds.some((id) => (r.comment ?? "").includes(`isp:cust=${id}`)))
      .map((r) => ({ path, ...r })),
  );
}

const syncedAt = (routerId: string) => withSystem("e2e: router sync time", async (tx) => (await tx.router.findUniqueOrThrow({ where: { id: routerId } })).syncedAt?.getTime() ?? 0);

/** Asks for a reconcile on the router's Sync tab and waits until the worker has run one. */
async function reconcileNow(page: Page, routerId: string) {
  const before = await syncedAt(routerId);
  await page.goto(`/admin/routers/${routerId}/sync`);
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect.poll(() => syncedAt(routerId), { timeout: 30_000 }).toBeGreaterThan(before);
}

async function apiModeIsp() {
  const sim = await startRouterSim({ identity: "Sim-Edit", users: [{ name: "api", password: "edit-pass-1" }] });
  sims.push(sim);
  const t = await makeTenant();
  const router = await makeRouter(t.owner);
  await saveRouterApi(t.owner, router.id, { apiHost: sim.host, apiPort: String(sim.port), apiUsername: "api", apiPassword: "edit-pass-1", mode: "API" });
  await saveProvisioningSettings(t.owner, router.id, { allowedAddressList: "allowed", arpInterface: "bridge", dhcpServer: "all" });
  const pkg = await makePackage(t.owner, { name: uniq("Edit 10M "), connectionTypes: ["PPPOE", "HOTSPOT", "STATIC"] });
  const base = { packageId: pkg.id, routerId: router.id };
  const ppp = await makeCustomer(t.owner, { ...base, username: uniq("edppp"), connectionType: "PPPOE", macAddress: "AA:BB:CC:51:00:01", macLock: true });
  const hotspot = await makeCustomer(t.owner, { ...base, username: uniq("edhs"), connectionType: "HOTSPOT" });
  const stat = await makeCustomer(t.owner, { ...base, username: uniq("edst"), connectionType: "STATIC", staticIp: "10.51.0.3", macAddress: "AA:BB:CC:51:00:03", notes: "Mast on the roof" });
  const ids = [ppp.id, hotspot.id, stat.id];
  // The worker provisions them: secret, hotspot user, and the static customer's queue, address-list entry, ARP entry and lease.
  await expect.poll(() => itemsOf(sim, ids).length, { timeout: 30_000 }).toBe(6);
  return { sim, t, router, ppp, hotspot, stat, ids };
}

test.describe("admin: editing an API-mode customer", () => {
  test("a rename keeps every router item of the customer; a suspension ends its live session", async ({ page }) => {
    const { sim, t, router, ppp, stat, ids } = await apiModeIsp();
    const session = sim.sessions.pppConnect({ name: ppp.username });
    const active = () => sim.menu("/ppp/active").get(session);
    await signInOperator(page, t.email, TEST_PASSWORD);
    const before = itemsOf(sim, ids);

    for (const c of [stat, ppp]) {
      await page.goto(`/admin/customers/${c.id}`);
      // The form shows the router the customer is on, not "Any router (RADIUS)".
      await expect(page.getByLabel("Router")).toHaveValue(router.id);
      await page.getByLabel("Full name").fill(`Renamed ${c.username}`);
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByText("Customer saved.")).toBeVisible();
      await expect(page.getByLabel("Router")).toHaveValue(router.id);
    }
    await reconcileNow(page, router.id);
    expect(itemsOf(sim, ids)).toEqual(before);
    expect(active()).toBeTruthy();
    const rows = await withSystem("e2e: edited customers", (tx) => tx.customer.findMany({ where: { id: { in: [ppp.id, stat.id] } } }));
    for (const r of rows) expect(r).toMatchObject({ routerId: router.id, name: `Renamed ${r.username}` });
    expect(rows.find((r) => r.id === stat.id)).toMatchObject({ notes: "Mast on the roof", staticIp: "10.51.0.3", macAddress: "AA:BB:CC:51:00:03" });
    expect(rows.find((r) => r.id === ppp.id)).toMatchObject({ macLock: true });

    // Suspending the online PPPoE customer: its secret gets the suspended profile and its session ends.
    await page.goto(`/admin/customers/${ppp.id}`);
    await page.getByRole("button", { name: "Suspend", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Suspend" }).click();
    await expect(page.getByTestId("billing-notice")).toContainText("Customer suspended");
    await expect.poll(() => active(), { timeout: 30_000 }).toBeUndefined();
    const secret = sim.menu("/ppp/secret").rows().find((r) => r.name === ppp.username);
    expect(secret).toMatchObject({ profile: CAPTIVE_PROFILE });
  });
});
