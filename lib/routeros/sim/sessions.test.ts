import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startRouterSim, type RouterSim } from "./index";
import { RawClient, rowsOf, typesOf } from "./raw-client";

let sim: RouterSim;
let c: RawClient;

beforeEach(async () => {
  sim = await startRouterSim({ emptyReplies: false });
  c = await RawClient.login(sim.port);
});

afterEach(async () => {
  c.close();
  await sim.close();
});

async function print(menu: string, ...words: string[]) {
  return rowsOf(await c.command([`${menu}/print`, ...words]));
}

describe("PPP sessions", () => {
  it("appear in /ppp/active with a dynamic <pppoe-name> interface", async () => {
    const id = sim.sessions.pppConnect({ name: "alice", address: "10.0.0.7", callerId: "AA:BB:CC:00:00:01" });
    const [active] = await print("/ppp/active");
    expect(active).toMatchObject({ ".id": id, name: "alice", service: "pppoe", "caller-id": "AA:BB:CC:00:00:01", address: "10.0.0.7", uptime: "0s", radius: "false" });
    expect(active!["session-id"]).toMatch(/^0x[0-9A-F]+$/);
    const [iface] = await print("/interface", "?name=<pppoe-alice>");
    expect(iface).toMatchObject({ type: "pppoe-in", dynamic: "true", running: "true" });
  });

  it("count traffic on tick: interface stats, the matching queue and uptime", async () => {
    await c.command(["/queue/simple/add", "=name=alice", "=target=10.0.0.7", "=max-limit=1M/2M"]);
    await c.command(["/queue/simple/add", "=name=idle", "=target=10.0.0.99"]);
    sim.sessions.pppConnect({ name: "alice", address: "10.0.0.7" });
    sim.tick(60);
    const [iface] = await print("/interface", "?name=<pppoe-alice>", "=stats=");
    const rx = Number(iface!["rx-byte"]);
    const tx = Number(iface!["tx-byte"]);
    expect(rx).toBeGreaterThan(0);
    expect(tx).toBeGreaterThan(rx); // customers download more than they upload
    // Without =stats= the counters are not printed.
    expect((await print("/interface", "?name=<pppoe-alice>"))[0]!["rx-byte"]).toBeUndefined();
    const [q, idle] = await print("/queue/simple", "=.proplist=name,bytes,rate");
    const [up, down] = q!.bytes!.split("/").map(Number);
    expect(up).toBe(rx);
    expect(down).toBe(tx);
    // The queue's max-limit caps the session: 2 Mbit/s for 60 s is at most 15 MB.
    expect(down).toBeLessThanOrEqual((2e6 * 60) / 8);
    expect(Number(q!.rate!.split("/")[1])).toBeGreaterThan(0);
    expect(idle).toMatchObject({ bytes: "0/0", rate: "0/0" });
    expect((await print("/ppp/active"))[0]!.uptime).toBe("1m");
    sim.tick(60);
    const [iface2] = await print("/interface", "?name=<pppoe-alice>", "=stats=");
    expect(Number(iface2!["rx-byte"])).toBeGreaterThan(rx);
  });

  it("is deterministic: two simulators ticked alike print the same counters", async () => {
    const other = await startRouterSim();
    for (const s of [sim, other]) {
      s.sessions.pppConnect({ name: "bob", address: "10.0.0.8" });
      s.tick(30);
      s.tick(30);
    }
    const stats = (s: RouterSim) => s.menu("/interface").find((r) => r.name === "<pppoe-bob>")[0]!["tx-byte"];
    expect(stats(sim)).toBe(stats(other));
    await other.close();
  });

  it("disconnect when the active row is removed over the API", async () => {
    const id = sim.sessions.pppConnect({ name: "alice" });
    c.send(["/interface/listen", ".tag=l"]);
    await c.command(["/system/identity/print"]);
    expect(typesOf(await c.command(["/ppp/active/remove", `=.id=${id}`]))).toEqual(["!done"]);
    expect(await print("/ppp/active")).toEqual([]);
    expect(await print("/interface", "?name=<pppoe-alice>")).toEqual([]);
    const dead = await c.waitFor((r) => r.tag === "l" && r.attrs[".dead"] === "yes");
    expect(dead.attrs[".id"]).toBeDefined();
  });
});

describe("hotspot sessions", () => {
  it("log in to /ip/hotspot/active and an authorized host, and count bytes", async () => {
    await c.command(["/ip/hotspot/user/add", "=name=0712345678", "=password=0042"]);
    const id = sim.sessions.hotspotLogin({ user: "0712345678", address: "10.5.50.2", macAddress: "AA:BB:CC:DD:EE:FF" });
    sim.tick(10);
    const [active] = await print("/ip/hotspot/active");
    expect(active).toMatchObject({ ".id": id, user: "0712345678", address: "10.5.50.2", "mac-address": "AA:BB:CC:DD:EE:FF", "login-by": "http-chap", uptime: "10s" });
    expect(Number(active!["bytes-out"])).toBeGreaterThan(Number(active!["bytes-in"]));
    const [user] = await print("/ip/hotspot/user", "?name=0712345678");
    expect(user!["bytes-out"]).toBe(active!["bytes-out"]);
    expect((await print("/ip/hotspot/host"))[0]).toMatchObject({ "mac-address": "AA:BB:CC:DD:EE:FF", authorized: "true" });
  });

  it("log out when the active row is removed, and sessions.clear() ends them all", async () => {
    const id = sim.sessions.hotspotLogin({ user: "guest", macAddress: "AA:BB:CC:DD:EE:01" });
    sim.sessions.pppConnect({ name: "p1" });
    sim.sessions.pppConnect({ name: "p2" });
    await c.command(["/ip/hotspot/active/remove", `=.id=${id}`]);
    expect(await print("/ip/hotspot/active")).toEqual([]);
    expect((await print("/ip/hotspot/host"))[0]!.authorized).toBe("false");
    sim.sessions.clear();
    expect(await print("/ppp/active")).toEqual([]);
    expect((await print("/interface", "=.proplist=name")).map((r) => r.name)).toEqual(["ether1", "ether2", "bridge"]);
  });
});

describe("the traffic option", () => {
  it("ticks once a second on its own", async () => {
    const live = await startRouterSim({ traffic: true });
    live.sessions.pppConnect({ name: "demo" });
    await new Promise((r) => setTimeout(r, 2300));
    expect(live.menu("/ppp/active").rows()[0]!.uptime).toBe("2s");
    expect(live.menu("/system/resource").rows()[0]!.uptime).toBe("2s");
    await live.close();
  });
});
