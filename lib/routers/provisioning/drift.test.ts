// Drift: a person edits one of our items on the router. It is shown per customer and per router,
// never silently overwritten; "restore" puts ours back, "accept" keeps the router's value (into
// the customer's own data where the field mirrors it). Changes made in our database still apply.
import { afterAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { makeOperator, makeTenant, TEST_PASSWORD } from "@/lib/testing/factories";
import { getCustomerSyncState } from "./customer-sync-state";
import { itemKey } from "./desired-state";
import { apiRouterFixture, editCustomer, makeStaticPackage, placeCustomer, routerRow, syncRow, type ApiRouterFixture } from "./provisioning-fixtures";
import { resolveAllDrift, resolveDrift } from "./resolve-drift";
import { getRouterSyncSummary, listRouterDrift } from "./router-sync-summary";

const fixtures: ApiRouterFixture[] = [];
afterAll(async () => {
  await Promise.all(fixtures.map((f) => f.close()));
});

async function staticSetup() {
  const fx = await apiRouterFixture();
  fixtures.push(fx);
  const pkg = await makeStaticPackage(fx.owner, { rateDown: "10M", rateUp: "2M" });
  const fast = await makeStaticPackage(fx.owner, { rateDown: "40M", rateUp: "8M" });
  const c = await placeCustomer(fx, { connectionType: "STATIC", packageId: pkg.id, staticIp: "172.16.5.9", macAddress: "AA:BB:CC:05:00:09" });
  await fx.reconcile();
  const queue = () => fx.sim.menu("/queue/simple").find((q) => q.comment === `isp:cust=${c.id}`)[0]!;
  return { fx, pkg, fast, c, queue, key: itemKey("queue", { kind: "cust", id: c.id }) };
}

describe("drift", () => {
  it("is detected, shown per customer and per router, and not overwritten", async () => {
    const { fx, c, queue, key } = await staticSetup();
    fx.sim.menu("/queue/simple").set(queue()[".id"]!, { "max-limit": "50M/50M" });
    fx.sim.resetStats();
    const run = await fx.reconcile();
    expect(run).toMatchObject({ writes: 0, drift: 1 });
    expect(queue()["max-limit"]).toBe("50000000/50000000");
    expect(await syncRow(fx, c.id)).toMatchObject({
      state: "DRIFT",
      drift: [expect.objectContaining({ key, menu: "queue", item: c.username, field: "max-limit", ours: "2000000/10000000", router: "50000000/50000000" })],
    });
    expect(await routerRow(fx)).toMatchObject({ syncState: "DRIFT", driftCount: 1 });
    expect((await fx.reconcile()).writes).toBe(0);

    const list = await listRouterDrift(fx.owner, fx.routerId);
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({ key, menuTitle: "Simple queue", field: "max-limit", customer: { id: c.id, username: c.username } });
    expect(await getCustomerSyncState(fx.owner, c.id)).toMatchObject({ state: "DRIFT", drift: [expect.objectContaining({ field: "max-limit" })] });
    expect(await getRouterSyncSummary(fx.owner, fx.routerId)).toMatchObject({ syncState: "DRIFT", driftCount: 1, customers: { DRIFT: 1, total: 1 } });
  });

  it("restore writes ours back", async () => {
    const { fx, c, queue, key } = await staticSetup();
    fx.sim.menu("/queue/simple").set(queue()[".id"]!, { "max-limit": "50M/50M", disabled: "yes" });
    await fx.reconcile();
    expect((await syncRow(fx, c.id))?.drift).toHaveLength(2);

    await resolveDrift(fx.owner, { routerId: fx.routerId, key, field: "max-limit", action: "restore" });
    expect(await syncRow(fx, c.id)).toMatchObject({ state: "PENDING", drift: [expect.objectContaining({ field: "disabled" })] });
    fx.sim.resetStats();
    expect(await fx.reconcile()).toMatchObject({ writes: 1, drift: 1 });
    expect(queue()).toMatchObject({ "max-limit": "2000000/10000000", disabled: "true" });

    await resolveAllDrift(fx.owner, fx.routerId, "restore");
    expect(await fx.reconcile()).toMatchObject({ writes: 1, drift: 0 });
    expect(queue()).toMatchObject({ disabled: "false" });
    expect(await syncRow(fx, c.id)).toMatchObject({ state: "IN_SYNC", drift: null });
    expect(await routerRow(fx)).toMatchObject({ syncState: "IN_SYNC", driftCount: 0 });
  });

  it("accept keeps the router's value until our own value changes", async () => {
    const { fx, c, fast, queue, key } = await staticSetup();
    fx.sim.menu("/queue/simple").set(queue()[".id"]!, { "max-limit": "50M/50M" });
    await fx.reconcile();
    await resolveDrift(fx.owner, { routerId: fx.routerId, key, field: "max-limit", action: "accept" });
    fx.sim.resetStats();
    expect(await fx.reconcile()).toMatchObject({ writes: 0, drift: 0 });
    expect(await syncRow(fx, c.id)).toMatchObject({ state: "IN_SYNC" });
    expect(queue()["max-limit"]).toBe("50000000/50000000");
    expect((await fx.reconcile()).writes).toBe(0);

    // Edited again by hand: drift again, against the accepted value.
    fx.sim.menu("/queue/simple").set(queue()[".id"]!, { "max-limit": "60M/60M" });
    expect(await fx.reconcile()).toMatchObject({ writes: 0, drift: 1 });
    expect((await syncRow(fx, c.id))?.drift).toEqual([expect.objectContaining({ ours: "50000000/50000000", router: "60000000/60000000" })]);
    await resolveDrift(fx.owner, { routerId: fx.routerId, key, action: "accept" });
    expect(await fx.reconcile()).toMatchObject({ writes: 0, drift: 0 });

    // Our value changes (a new package): the accepted value lapses and the package's speed applies.
    await editCustomer(fx.owner, c, { packageId: fast.id });
    expect(await fx.reconcile()).toMatchObject({ writes: 1, drift: 0 });
    expect(queue()["max-limit"]).toBe("8000000/40000000");
  });

  it("accept of a field that mirrors the customer (a MAC) changes the customer", async () => {
    const { fx, c } = await staticSetup();
    const arp = fx.sim.menu("/ip/arp");
    arp.set(arp.find((r) => r.comment === `isp:cust=${c.id}`)[0]![".id"]!, { "mac-address": "AA:BB:CC:05:00:99" });
    expect(await fx.reconcile()).toMatchObject({ drift: 1, writes: 0 });
    await resolveDrift(fx.owner, { routerId: fx.routerId, key: itemKey("arp", { kind: "cust", id: c.id }), action: "accept" });
    const customer = await withTenant(fx.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: c.id } }));
    expect(customer.macAddress).toBe("AA:BB:CC:05:00:99");
    // The lease follows the new MAC; the ARP entry already has it.
    fx.sim.resetStats();
    expect(await fx.reconcile()).toMatchObject({ writes: 1, changed: 1, drift: 0 });
    expect(fx.ours("/ip/dhcp-server/lease")[0]).toMatchObject({ "mac-address": "AA:BB:CC:05:00:99" });
    expect(await syncRow(fx, c.id)).toMatchObject({ state: "IN_SYNC" });
  });

  it("a change made in our database is applied, not reported, even over a hand edit of that field", async () => {
    const { fx, c, fast, queue } = await staticSetup();
    fx.sim.menu("/queue/simple").set(queue()[".id"]!, { "max-limit": "50M/50M" });
    await editCustomer(fx.owner, c, { packageId: fast.id });
    expect(await fx.reconcile()).toMatchObject({ writes: 1, drift: 0 });
    expect(queue()["max-limit"]).toBe("8000000/40000000");
  });

  it("a password changed on the router is drift shown without the password; an item deleted by hand comes back", async () => {
    const fx = await apiRouterFixture();
    fixtures.push(fx);
    const pkg = await makeStaticPackage(fx.owner);
    const c = await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id });
    await fx.reconcile();
    const secrets = fx.sim.menu("/ppp/secret");
    const secret = () => secrets.find((s) => s.comment === `isp:cust=${c.id}`);
    secrets.set(secret()[0]![".id"]!, { password: "changed-by-hand" });
    expect(await fx.reconcile()).toMatchObject({ drift: 1, writes: 0 });
    const drift = (await syncRow(fx, c.id))?.drift as { ours: string; router: string }[];
    expect(drift[0]).toMatchObject({ ours: "(hidden)", router: "(hidden)" });
    expect(JSON.stringify(drift)).not.toContain("changed-by-hand");
    await resolveDrift(fx.owner, { routerId: fx.routerId, key: itemKey("pppSecret", { kind: "cust", id: c.id }), field: "password", action: "restore" });
    expect(await fx.reconcile()).toMatchObject({ writes: 1, drift: 0 });
    expect(secret()[0]!.password).toBe(TEST_PASSWORD);

    secrets.remove(secret()[0]![".id"]!);
    expect(await fx.reconcile()).toMatchObject({ added: 1, writes: 1 });
    expect(secret()).toHaveLength(1);
  });

  it("only routers:manage resolves drift, and only on its own ISP's routers", async () => {
    const { fx, key, queue } = await staticSetup();
    fx.sim.menu("/queue/simple").set(queue()[".id"]!, { "max-limit": "50M/50M" });
    await fx.reconcile();
    const manager = await makeOperator(fx.owner, "MANAGER");
    await expect(resolveDrift(manager.actor, { routerId: fx.routerId, key, action: "restore" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listRouterDrift(manager.actor, fx.routerId)).total).toBe(1);
    const other = await makeTenant();
    await expect(resolveDrift(other.owner, { routerId: fx.routerId, key, action: "restore" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listRouterDrift(other.owner, fx.routerId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveDrift(fx.owner, { routerId: fx.routerId, key: "queue|cust=00000000-0000-4000-8000-000000000000", action: "restore" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
