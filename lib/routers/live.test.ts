// The Live tab and bandwidth control against the RouterOS simulator, through the production adapter.
import { afterAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { startRouterSim, type RouterSim } from "@/lib/routeros/sim";
import { makeCustomer, makeOperator, makeRouter, makeTenant } from "@/lib/testing/factories";
import { routerPool } from "./router-access";
import { saveRouterApi } from "./router-api-settings";
import { disconnectRouterSession, getCustomerTraffic, getRouterLive, listBandwidth, removeCustomerLimit, setCustomerLimit } from "./live";

const sims: RouterSim[] = [];
afterAll(async () => {
  await routerPool().closeAll();
  await Promise.all(sims.map((s) => s.close()));
});

async function setup() {
  const sim = await startRouterSim({ users: [{ name: "api", password: "pw-1" }] });
  sims.push(sim);
  const t = await makeTenant();
  const router = await makeRouter(t.owner);
  await saveRouterApi(t.owner, router.id, { apiHost: sim.host, apiPort: String(sim.port), apiUsername: "api", apiPassword: "pw-1" });
  const alice = await makeCustomer(t.owner, { username: "0712000111" });
  const bob = await makeCustomer(t.owner, { username: uniqName("bob"), connectionType: "HOTSPOT" });
  return { sim, t, router, alice, bob };
}
let n = 0;
const uniqName = (p: string) => `${p}${Date.now().toString(36)}${n++}`;

describe("router live view", () => {
  it("lists PPP and hotspot sessions with their customers and counters, and disconnects one", async () => {
    const { sim, t, router, alice, bob } = await setup();
    sim.sessions.pppConnect({ name: alice.username, address: "10.5.0.2", callerId: "AA:BB:CC:00:00:01" });
    sim.sessions.hotspotLogin({ user: bob.username, address: "10.6.0.9", macAddress: "AA:BB:CC:00:00:02" });
    sim.sessions.pppConnect({ name: "stranger", address: "10.5.0.3" });
    sim.tick(10);
    const live = await getRouterLive(t.owner, router.id);
    const a = live.sessions.find((s) => s.username === "0712000111")!;
    expect(a).toMatchObject({ kind: "ppp", customerId: alice.id, address: "10.5.0.2", callerId: "AA:BB:CC:00:00:01" });
    expect(a.bytesDown).toBeGreaterThan(0);
    expect(live.sessions.find((s) => s.username === bob.username)).toMatchObject({ kind: "hotspot", customerId: bob.id, address: "10.6.0.9" });
    expect(live.sessions.find((s) => s.username === "stranger")?.customerId).toBeNull();

    expect(await disconnectRouterSession(t.owner, router.id, "ppp", a.id)).toBe("done");
    expect(sim.menu("/ppp/active").rows().map((r) => r.name)).not.toContain("0712000111");
    expect(await disconnectRouterSession(t.owner, router.id, "ppp", a.id)).toBe("not-found");
    const audit = await withTenant(t.tenantId, (tx) => tx.auditLog.findMany({ where: { action: "router.session_disconnect", targetId: router.id } }));
    expect(audit).toHaveLength(2);
  });

  it("sets, changes and removes an online customer's limit as one tagged queue, and leaves other queues alone", async () => {
    const { sim, t, router, alice } = await setup();
    sim.sessions.pppConnect({ name: alice.username, address: "10.5.0.7" });
    sim.menu("/queue/simple").add({ name: "operator-made", target: "10.9.9.9/32", "max-limit": "1M/1M" });
    expect(await setCustomerLimit(t.owner, router.id, { customerId: alice.id, download: "10M", upload: "2M" })).toMatchObject({ maxLimit: "2M/10M", action: "created" });
    expect(await setCustomerLimit(t.owner, router.id, { customerId: alice.id, download: "20M", upload: "4M" })).toMatchObject({ action: "updated" });
    const { queues } = await listBandwidth(t.owner, router.id);
    const ours = queues.find((q) => q.customerId === alice.id)!;
    expect(ours).toMatchObject({ target: "10.5.0.7/32", maxLimit: "4M/20M" });
    const theirs = queues.find((q) => q.name === "operator-made")!;
    await expect(removeCustomerLimit(t.owner, router.id, theirs.queueId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await removeCustomerLimit(t.owner, router.id, ours.queueId);
    expect(sim.menu("/queue/simple").rows().map((r) => r.name)).toEqual(["operator-made"]);
    await expect(setCustomerLimit(t.owner, router.id, { customerId: alice.id, download: "fast", upload: "2M" })).rejects.toMatchObject({ fieldErrors: { download: expect.any(Array) } });
  });

  it("a customer's live traffic comes from its open session's router", async () => {
    const { sim, t, router, alice } = await setup();
    expect(await getCustomerTraffic(t.owner, alice.id)).toMatchObject({ online: false });
    sim.sessions.pppConnect({ name: alice.username, address: "10.5.0.8" });
    sim.tick(5);
    await withTenant(t.tenantId, (tx) =>
      tx.radAcct.create({ data: { tenantId: t.tenantId, acctsessionid: "s1", acctuniqueid: `u-${alice.id}`, username: alice.username, nasipaddress: router.nasIp, acctstarttime: new Date() } }),
    );
    const reading = await getCustomerTraffic(t.owner, alice.id);
    expect(reading).toMatchObject({ online: true, routerName: router.name });
    expect(reading.bytesDown).toBeGreaterThan(0);
  });

  it("refuses other ISPs and non-managers, and says clearly when the router does not answer", async () => {
    const { sim, t, router, alice } = await setup();
    const other = await makeTenant();
    await expect(getRouterLive(other.owner, router.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCustomerTraffic(other.owner, alice.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const manager = await makeOperator(t.owner, "MANAGER");
    await expect(disconnectRouterSession(manager.actor, router.id, "ppp", "*1")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setCustomerLimit(manager.actor, router.id, { customerId: alice.id, download: "1M", upload: "1M" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await sim.setDown(true);
    await expect(getRouterLive(t.owner, router.id)).rejects.toMatchObject({ code: "UNAVAILABLE", userMessage: expect.stringMatching(/unreachable/) });
  });
});
