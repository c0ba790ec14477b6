// The services behind the router and customer pages: who may see and do what, settings, and a
// disabled router left alone.
import { afterAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { makeCustomer, makeOperator, makeRouter, makeTenant } from "@/lib/testing/factories";
import { getCustomerSyncState, listCustomerSyncStates } from "./customer-sync-state";
import { apiRouterFixture, makeStaticPackage, placeCustomer, type ApiRouterFixture } from "./provisioning-fixtures";
import { getProvisioningSettings, saveProvisioningSettings } from "./provisioning-settings";
import { getRouterSyncSummary } from "./router-sync-summary";
import { requestSyncNow } from "./sync-now";

const fixtures: ApiRouterFixture[] = [];
afterAll(async () => {
  await Promise.all(fixtures.map((f) => f.close()));
});
async function fixture() {
  const fx = await apiRouterFixture();
  fixtures.push(fx);
  return fx;
}

describe("customer sync state", () => {
  it("staff see it; a reseller sees its own subtree's customers only; RADIUS customers have none", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner);
    const reseller = await makeOperator(fx.owner, "RESELLER");
    const other = await makeOperator(fx.owner, "RESELLER");
    const mine = await makeCustomer(reseller.actor, { connectionType: "PPPOE" });
    await withTenant(fx.tenantId, (tx) => tx.customer.update({ where: { id: mine.id }, data: { routerId: fx.routerId } }));
    const direct = await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id });
    const radiusOnly = await makeCustomer(fx.owner, { connectionType: "PPPOE" });
    await fx.reconcile();

    expect(await getCustomerSyncState(fx.owner, direct.id)).toMatchObject({ state: "IN_SYNC", routerId: fx.routerId, drift: [] });
    expect(await getCustomerSyncState(reseller.actor, mine.id)).toMatchObject({ state: "IN_SYNC" });
    await expect(getCustomerSyncState(other.actor, mine.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCustomerSyncState(reseller.actor, direct.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getCustomerSyncState(fx.owner, radiusOnly.id)).toBeNull();

    const states = await listCustomerSyncStates(reseller.actor, [mine.id, direct.id, radiusOnly.id]);
    expect([...states.entries()]).toEqual([[mine.id, "IN_SYNC"]]);
    const stranger = await makeTenant();
    await expect(getCustomerSyncState(stranger.owner, direct.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("router sync summary, settings, Sync now", () => {
  it("counts customers by state and shows the last run", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner);
    await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id });
    await placeCustomer(fx, { connectionType: "STATIC", packageId: pkg.id, staticIp: "2001:db8::9", macAddress: "AA:BB:CC:99:00:01" });
    const before = await getRouterSyncSummary(fx.owner, fx.routerId);
    expect(before).toMatchObject({ mode: "API", hasApiAccess: true, pending: true, customers: { PENDING: 2, total: 2 }, lastRun: null });
    await fx.reconcile();
    const after = await getRouterSyncSummary(fx.owner, fx.routerId);
    expect(after).toMatchObject({ pending: false, customers: { IN_SYNC: 1, ERROR: 1, total: 2 }, lastRun: { writes: 2 }, settings: { arpInterface: "bridge" } });
    const manager = await makeOperator(fx.owner, "MANAGER");
    expect((await getRouterSyncSummary(manager.actor, fx.routerId)).routerId).toBe(fx.routerId);
    const reseller = await makeOperator(fx.owner, "RESELLER");
    await expect(getRouterSyncSummary(reseller.actor, fx.routerId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("settings are validated, need routers:manage and reconcile the router", async () => {
    const fx = await fixture();
    await expect(saveProvisioningSettings(fx.owner, fx.routerId, { allowedAddressList: "with space" })).rejects.toMatchObject({ name: "ZodError" });
    const manager = await makeOperator(fx.owner, "MANAGER");
    await expect(saveProvisioningSettings(manager.actor, fx.routerId, { allowedAddressList: "ok" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await fx.reconcile();
    await saveProvisioningSettings(fx.owner, fx.routerId, { allowedAddressList: "paid", arpInterface: "", dhcpServer: "" });
    expect(await getProvisioningSettings(fx.owner, fx.routerId)).toEqual({ allowedAddressList: "paid", arpInterface: null, dhcpServer: null, hotspotServer: "all" });
    expect((await getRouterSyncSummary(fx.owner, fx.routerId)).pending).toBe(true);

    const pkg = await makeStaticPackage(fx.owner);
    await placeCustomer(fx, { connectionType: "STATIC", packageId: pkg.id, staticIp: "10.91.0.2", macAddress: "AA:BB:CC:91:00:02" });
    await fx.reconcile();
    expect(fx.ours("/ip/firewall/address-list")).toEqual([expect.objectContaining({ list: "paid" })]);
    expect(fx.ours("/ip/arp")).toHaveLength(0);
    expect(fx.ours("/ip/dhcp-server/lease")).toHaveLength(0);
  });

  it("Sync now needs routers:manage and an API-mode router", async () => {
    const fx = await fixture();
    await requestSyncNow(fx.owner, fx.routerId);
    const manager = await makeOperator(fx.owner, "MANAGER");
    await expect(requestSyncNow(manager.actor, fx.routerId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const radius = await makeRouter(fx.owner);
    await expect(requestSyncNow(fx.owner, radius.id)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const stranger = await makeTenant();
    await expect(requestSyncNow(stranger.owner, fx.routerId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a disabled router is left as it is", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner);
    await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id });
    await fx.reconcile();
    await withTenant(fx.tenantId, (tx) => tx.router.update({ where: { id: fx.routerId }, data: { status: "DISABLED" } }));
    expect(await fx.reconcile()).toMatchObject({ skipped: "disabled", writes: 0 });
    expect(fx.ours("/ppp/secret")).toHaveLength(1);
  });
});
