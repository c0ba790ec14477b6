// Plan, dry-run and apply against the RouterOS simulator, through the production adapter.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createRouterPool, type RouterApi } from "@/lib/routeros";
import { startRouterSim, type RouterSim } from "@/lib/routeros/sim";
import { applyRouterSetup, RouterSetupError } from "./apply-router-setup";
import { diffRouterSetup, toDiffView } from "./diff-router-setup";
import { planRouterSetup } from "./plan-router-setup";
import type { RouterSetupContext, RouterSetupDiff, SetupChange } from "./setup.types";

const SECRET = "Sekret-0042-abcdefXYZ";
const pool = createRouterPool({ callTimeoutMs: 3000 });
const sims: RouterSim[] = [];
afterAll(async () => {
  await pool.closeAll();
  await Promise.all(sims.map((s) => s.close()));
});

async function router(): Promise<{ sim: RouterSim; api: RouterApi; id: string }> {
  const sim = await startRouterSim({ users: [{ name: "isp-api", password: "api-pw-0042" }] });
  sims.push(sim);
  const id = randomUUID();
  return { sim, id, api: pool.api({ id, host: sim.host, port: sim.port, username: "isp-api", password: "api-pw-0042" }) };
}

function context(overrides: Partial<RouterSetupContext> = {}): RouterSetupContext {
  return {
    router: { id: "r1", nasIp: "127.0.0.9", radiusSecret: SECRET, coaPort: 3799 },
    radiusServer: { address: "192.0.2.10", authPort: 1812, acctPort: 1813 },
    portalHost: "pay.example.net",
    settings: { captiveAddressList: "suspended", interimIntervalSeconds: 300 },
    options: { pppoeInterface: "ether2" },
    ...overrides,
  };
}

const changesOf = (diff: RouterSetupDiff, step: string): SetupChange[] => diff.steps.find((s) => s.id === step)!.changes;
const rows = (sim: RouterSim, path: string) => sim.menu(path).rows();
const ours = (sim: RouterSim, path: string) => rows(sim, path).filter((r) => r.comment?.includes("isp:setup="));

describe("router setup against the simulator", () => {
  it("a fresh router: the dry-run lists everything as added (settings as set); apply; then nothing to do and a second apply writes nothing", async () => {
    const { sim, api } = await router();
    const plan = planRouterSetup(context());
    const dry = await diffRouterSetup(api, plan);

    expect(dry.steps.map((s) => s.id)).toEqual(["radius", "radius-incoming", "ppp-aaa", "pppoe", "hotspot", "walled-garden", "firewall"]);
    expect(dry.counts.none).toBe(0);
    for (const step of dry.steps) {
      expect(step.changes.length, step.id).toBeGreaterThan(0);
      for (const c of step.changes) expect(c.action, `${step.id} ${c.item}`).toBe(c.match === "settings" ? "set" : "add");
    }
    expect(changesOf(dry, "radius")[0]!.fields).toMatchObject({ service: "ppp,hotspot", address: "192.0.2.10", secret: "(hidden)", "src-address": "127.0.0.9", timeout: "3s" });
    expect(changesOf(dry, "ppp-aaa")[0]).toMatchObject({ fields: { "use-radius": "yes", "interim-update": "5m" }, current: { "use-radius": "no", "interim-update": "0s" } });
    expect(changesOf(dry, "ppp-aaa")[0]!.fields).not.toHaveProperty("accounting"); // already yes: only what differs
    expect(JSON.stringify(toDiffView(dry))).not.toContain(SECRET);
    expect(sim.stats().writes).toBe(0); // a dry-run writes nothing

    const applied = await applyRouterSetup(api, plan);
    expect(applied.map((s) => s.id)).toEqual(dry.steps.map((s) => s.id));
    expect(JSON.stringify(applied)).not.toContain(SECRET);

    expect(rows(sim, "/radius")).toEqual([expect.objectContaining({ service: "ppp,hotspot", address: "192.0.2.10", secret: SECRET, "src-address": "127.0.0.9", timeout: "3s", disabled: "false" })]);
    expect(rows(sim, "/radius")[0]!.comment).toMatch(/^isp:setup=radius\b/);
    expect(sim.menu("/radius/incoming").rows()[0]).toMatchObject({ accept: "true", port: "3799" });
    expect(sim.menu("/ppp/aaa").rows()[0]).toMatchObject({ "use-radius": "true", accounting: "true", "interim-update": "5m" });
    expect(rows(sim, "/interface/pppoe-server/server")).toEqual([
      expect.objectContaining({ interface: "ether2", "service-name": "internet", "one-session-per-host": "true", disabled: "false", "default-profile": "default" }),
    ]);
    const profile = rows(sim, "/ip/hotspot/profile").find((p) => p.name === "isp-radius")!;
    expect(profile).toMatchObject({ "use-radius": "true", "radius-accounting": "true", "radius-interim-update": "5m", "mac-auth-mode": "mac-as-username-and-password" });
    expect(profile["login-by"]!.split(",")).toEqual(expect.arrayContaining(["mac", "http-chap", "cookie"]));
    expect(rows(sim, "/ip/hotspot/walled-garden/ip")).toEqual([expect.objectContaining({ action: "accept", "dst-host": "pay.example.net" })]);
    expect(rows(sim, "/ip/firewall/address-list")).toEqual([expect.objectContaining({ list: "isp-portal", address: "pay.example.net" })]);
    expect(rows(sim, "/ip/firewall/filter").map((r) => [r.action, r["src-address-list"], r.protocol ?? "", r["dst-port"] ?? "", r["dst-address-list"] ?? ""])).toEqual([
      ["accept", "suspended", "udp", "53", ""],
      ["accept", "suspended", "tcp", "53", ""],
      ["accept", "suspended", "", "", "isp-portal"],
      ["drop", "suspended", "", "", ""],
    ]);

    const again = await diffRouterSetup(api, plan);
    expect(again.counts).toEqual({ add: 0, set: 0, none: dry.counts.add + dry.counts.set });
    sim.resetStats();
    const second = await applyRouterSetup(api, plan);
    expect(sim.stats().writes).toBe(0);
    expect(second.every((s) => s.added === 0 && s.changed === 0)).toBe(true);
  });

  it("adopts an existing /radius entry with the same address and service instead of adding another", async () => {
    const { sim, api } = await router();
    sim.menu("/radius").add({ service: "ppp", address: "192.0.2.10", secret: "old-secret", comment: "main radius" });
    const plan = planRouterSetup(context());
    const [change] = changesOf(await diffRouterSetup(api, plan), "radius");
    expect(change).toMatchObject({ action: "set", match: expect.stringContaining("existing address=192.0.2.10") });
    expect(change!.fields).toMatchObject({ service: "ppp,hotspot", secret: "(hidden)", comment: "isp:setup=radius main radius" });
    expect(change!.current).toMatchObject({ service: "ppp", secret: "(hidden)", comment: "main radius" });
    expect(change!.fields).not.toHaveProperty("address");
    expect(change!.fields).not.toHaveProperty("src-address");

    await applyRouterSetup(api, plan);
    expect(rows(sim, "/radius")).toEqual([expect.objectContaining({ address: "192.0.2.10", service: "ppp,hotspot", secret: SECRET, comment: "isp:setup=radius main radius" })]);
    const [after] = changesOf(await diffRouterSetup(api, plan), "radius");
    expect(after).toMatchObject({ action: "none", match: "tag isp:setup=radius" });

    // src-address is the operator's once the entry exists (a router behind NAT needs its own).
    const [entry] = rows(sim, "/radius");
    sim.menu("/radius").set(entry![".id"]!, { "src-address": "10.1.1.1" });
    expect(changesOf(await diffRouterSetup(api, plan), "radius")[0]!.action).toBe("none");
  });

  it("leaves the router's own configuration alone and puts our rules ahead of its first rule", async () => {
    const { sim, api } = await router();
    const filter = sim.menu("/ip/firewall/filter");
    filter.add({ chain: "forward", action: "passthrough", dynamic: "true", comment: "special dummy rule to show fasttrack counters" });
    const established = filter.add({ chain: "forward", action: "accept", "connection-state": "established,related", comment: "defconf: accept established" });
    filter.add({ chain: "input", action: "drop", "in-interface": "ether1", comment: "defconf: drop all from WAN" });
    sim.menu("/radius").add({ service: "login", address: "10.9.9.9", secret: "their-secret", comment: "admin logins" });
    sim.menu("/radius").add({ service: "ppp", address: "10.8.8.8", secret: "old-provider" });
    sim.menu("/ppp/profile").add({ name: "vip", "rate-limit": "20M/20M", "only-one": "yes" });
    sim.menu("/ip/firewall/address-list").add({ list: "suspended", address: "10.0.0.5", comment: "by hand" });
    const snapshot = (path: string) => JSON.stringify(rows(sim, path).filter((r) => !r.comment?.includes("isp:setup=")));
    const before = Object.fromEntries(["/ip/firewall/filter", "/radius", "/ppp/profile", "/ip/firewall/address-list"].map((p) => [p, snapshot(p)]));

    const plan = planRouterSetup(context());
    const dry = await diffRouterSetup(api, plan);
    expect(changesOf(dry, "firewall").filter((c) => c.menu === "/ip/firewall/filter").map((c) => c.match)).toEqual(Array(4).fill(`new, before rule ${established}`));
    await applyRouterSetup(api, plan);

    for (const [path, text] of Object.entries(before)) expect(snapshot(path), path).toBe(text);
    expect(Object.keys(sim.stats().byCommand).filter((c) => c.endsWith("/remove"))).toEqual([]);
    const order = rows(sim, "/ip/firewall/filter").map((r) => r.comment ?? "");
    expect(order).toEqual([
      "special dummy rule to show fasttrack counters",
      "isp:setup=fw-dns-udp suspended: DNS",
      "isp:setup=fw-dns-tcp suspended: DNS",
      "isp:setup=fw-portal suspended: portal",
      "isp:setup=fw-drop suspended: nothing else",
      "defconf: accept established",
      "defconf: drop all from WAN",
    ]);
    expect(rows(sim, "/radius")).toHaveLength(3); // theirs two, ours one

    // One of ours deleted by hand comes back where it was, once.
    const drop = ours(sim, "/ip/firewall/filter").find((r) => r.comment?.includes("fw-drop"))!;
    filter.remove(drop[".id"]!);
    const [readd] = changesOf(await diffRouterSetup(api, plan), "firewall").filter((c) => c.action !== "none");
    expect(readd).toMatchObject({ action: "add", item: "Drop everything else from suspended", match: `new, before rule ${established}` });
    await applyRouterSetup(api, plan);
    await applyRouterSetup(api, plan);
    expect(rows(sim, "/ip/firewall/filter").map((r) => r.comment ?? "").indexOf("isp:setup=fw-drop suspended: nothing else")).toBe(4);
    expect(ours(sim, "/ip/firewall/filter")).toHaveLength(4);
  });

  it("API mode with static customers: from their interface, what is not in the allowed list reaches DNS and the portal only", async () => {
    const { sim, api } = await router();
    const established = sim.menu("/ip/firewall/filter").add({ chain: "forward", action: "accept", "connection-state": "established,related", comment: "defconf: accept established" });
    const plan = planRouterSetup(context({ staticCustomers: { interface: "bridge-static", allowedList: "allowed" } }));
    await applyRouterSetup(api, plan);

    const filter = rows(sim, "/ip/firewall/filter");
    expect(filter.map((r) => r.comment ?? "").slice(4, 9)).toEqual([
      "isp:setup=fw-static-dns-udp static unpaid: DNS",
      "isp:setup=fw-static-dns-tcp static unpaid: DNS",
      "isp:setup=fw-static-portal static unpaid: portal",
      "isp:setup=fw-static-drop static unpaid: nothing else",
      "defconf: accept established",
    ]);
    expect(filter.find((r) => r[".id"] === established)).toBeDefined();
    const drop = filter.find((r) => r.comment?.includes("fw-static-drop"))!;
    expect(drop).toMatchObject({ chain: "forward", action: "drop", "in-interface": "bridge-static", "src-address-list": "!allowed" });
    expect(drop).not.toHaveProperty("protocol");
    expect(filter.find((r) => r.comment?.includes("fw-static-portal"))).toMatchObject({ "dst-address-list": "isp-portal", "src-address-list": "!allowed" });

    const writes = sim.stats().writes;
    expect((await diffRouterSetup(api, plan)).counts).toMatchObject({ add: 0, set: 0 });
    await applyRouterSetup(api, plan);
    expect(sim.stats().writes).toBe(writes);
  });

  it("sets one session per host on the router's PPPoE servers and RADIUS on the hotspot profiles in use", async () => {
    const { sim, api } = await router();
    sim.menu("/interface/pppoe-server/server").add({ "service-name": "isp1", interface: "ether1", disabled: "false", comment: "by hand" });
    sim.menu("/ip/hotspot/profile").add({ name: "hsprof1", "login-by": "http-chap,http-pap" });
    sim.menu("/ip/hotspot").add({ name: "hotspot1", interface: "bridge", profile: "hsprof1" });
    const defaultBefore = JSON.stringify(rows(sim, "/ip/hotspot/profile").find((p) => p.name === "default"));

    const plan = planRouterSetup(context({ options: {} }));
    const dry = await diffRouterSetup(api, plan);
    expect(changesOf(dry, "pppoe")).toEqual([expect.objectContaining({ action: "set", fields: { "one-session-per-host": "yes" }, current: { "one-session-per-host": "no" } })]);
    const hotspot = changesOf(dry, "hotspot");
    expect(hotspot.map((c) => [c.action, c.item])).toEqual([
      ["add", "Hotspot profile isp-radius"],
      ["set", "Hotspot profile in use name=hsprof1"],
    ]);
    expect(hotspot[1]!.fields["login-by"]).toBe("http-chap,http-pap,cookie,mac");

    await applyRouterSetup(api, plan);
    expect(rows(sim, "/interface/pppoe-server/server")).toEqual([expect.objectContaining({ interface: "ether1", "one-session-per-host": "true", comment: "by hand", disabled: "false" })]);
    expect(rows(sim, "/ip/hotspot/profile").find((p) => p.name === "hsprof1")).toMatchObject({ "use-radius": "true", "login-by": "http-chap,http-pap,cookie,mac" });
    expect(JSON.stringify(rows(sim, "/ip/hotspot/profile").find((p) => p.name === "default"))).toBe(defaultBefore);
    expect((await diffRouterSetup(api, plan)).counts).toMatchObject({ add: 0, set: 0 });

    // Choosing an interface that already has a server adopts it (tagged, the operator's comment kept).
    const onEther1 = planRouterSetup(context({ options: { pppoeInterface: "ether1" } }));
    expect(changesOf(await diffRouterSetup(api, onEther1), "pppoe")).toEqual([
      expect.objectContaining({ action: "set", item: "PPPoE server on ether1", fields: { comment: "isp:setup=pppoe by hand" } }),
    ]);
  });

  it("says when the router has no PPPoE server and no interface was chosen", async () => {
    const { api } = await router();
    const pppoe = (await diffRouterSetup(api, planRouterSetup(context({ options: {} })))).steps.find((s) => s.id === "pppoe")!;
    expect(pppoe.changes).toEqual([]);
    expect(pppoe.notes[0]).toMatch(/no PPPoE server/);
  });

  it("a router that goes down half-way leaves a clear error on the step; running again completes without duplicates", async () => {
    const { sim, api, id } = await router();
    const plan = planRouterSetup(context());
    const error = await applyRouterSetup(api, plan, {
      onStep: async (result) => {
        if (result.id === "ppp-aaa") await sim.setDown(true);
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouterSetupError);
    const failure = error as RouterSetupError;
    expect(failure.stepId).toBe("pppoe");
    expect(failure.retriable).toBe(true);
    expect(failure.message).toMatch(/^PPPoE servers: one session per host: could not read the router: .*router 127\.0\.0\.1:\d+/);
    expect(rows(sim, "/radius")).toHaveLength(1);
    expect(rows(sim, "/interface/pppoe-server/server")).toHaveLength(0);

    await sim.setDown(false);
    await pool.close(id); // the failure may have opened the circuit breaker
    await applyRouterSetup(api, plan);
    expect((await diffRouterSetup(api, plan)).counts).toMatchObject({ add: 0, set: 0 });
    expect(rows(sim, "/radius")).toHaveLength(1);
    expect(rows(sim, "/interface/pppoe-server/server")).toHaveLength(1);
  });

  it("a trap from the router (an interface it does not have) fails the step and is not retriable", async () => {
    const { api } = await router();
    const error = await applyRouterSetup(api, planRouterSetup(context({ options: { pppoeInterface: "ether9" } })), { steps: ["pppoe"] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RouterSetupError", stepId: "pppoe", kind: "trap", retriable: false });
    expect((error as Error).message).toContain("adding PPPoE server on ether9 (/interface/pppoe-server/server)");
  });
});
