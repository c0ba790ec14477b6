// Every typed menu through the adapter: add, read back, change, upsert, remove, and the
// not-found answers for items that are gone. Runs against a real router when configured.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FieldMap, InputOf, PatchOf, RowOf } from "../fields";
import { createRouterPool, ownerTag, parseOwnerTag, type Interaction, type RouterApi, type TableMenu } from "../index";
import { openContractRouter, realRouter, uniqueName, type ContractRouter } from "./target";

let router: ContractRouter;
let api: RouterApi;
let iface: string;
const interactions: Interaction[] = [];
const pool = createRouterPool({ onInteraction: (i) => interactions.push(i) });
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  router = await openContractRouter();
  api = pool.api(router.target);
  iface = "ether2";
  if (realRouter) {
    // An interface of our own to hang servers and ARP entries on, removed afterwards; a router
    // without bridging lends its last interface instead.
    const name = uniqueName("br");
    const id = await api.add("/interface/bridge", { name, comment: "isp contract test" }).catch(() => undefined);
    if (id) cleanup.push(() => api.remove("/interface/bridge", id));
    iface = id ? name : (await api.interfaces.list()).filter((i) => !i.dynamic).at(-1)!.name;
  }
});

afterAll(async () => {
  for (const undo of cleanup.reverse()) await undo().catch(() => {});
  await pool.closeAll();
  await router?.close();
});

/** add -> get -> list -> update -> get -> remove -> get, then the same id again: not-found. */
async function roundTrip<M extends FieldMap>(menu: TableMenu<M>, item: InputOf<M>, expected: Partial<RowOf<M>>, patch: PatchOf<M>, patched: Partial<RowOf<M>> = patch as Partial<RowOf<M>>) {
  const id = await menu.add(item);
  cleanup.push(() => menu.remove(id));
  expect(id).toMatch(/^\*[0-9A-F]+$/);
  expect(await menu.get(id)).toMatchObject({ id, ...expected });
  expect((await menu.list()).map((row) => row.id)).toContain(id);
  expect(await menu.update(id, patch)).toBe("done");
  expect(await menu.get(id)).toMatchObject({ id, ...patched });
  expect(await menu.remove(id)).toBe("done");
  expect(await menu.get(id)).toBeUndefined();
  expect(await menu.remove(id)).toBe("not-found");
  expect(await menu.update(id, patch)).toBe("not-found");
  return id;
}

describe("PPP", () => {
  it("profiles", async () => {
    const name = uniqueName("plan");
    await roundTrip(
      api.pppProfiles,
      { name, rateLimit: "5M/10M", localAddress: "10.99.0.1", remoteAddress: "10.99.0.2", onlyOne: "yes", sessionTimeout: 3600 },
      { name, rateLimit: "5M/10M", onlyOne: "yes", sessionTimeout: 3600, isDefault: false },
      { rateLimit: "10M/20M", comment: ownerTag("pkg", 7) },
    );
  });

  it("secrets keep leading zeros in names and passwords", async () => {
    const profile = uniqueName("plan");
    const profileId = await api.pppProfiles.add({ name: profile });
    cleanup.push(() => api.pppProfiles.remove(profileId));
    const name = `07${String(Date.now()).slice(-8)}`;
    await roundTrip(
      api.pppSecrets,
      { name, password: "0042", service: "pppoe", profile, remoteAddress: "10.99.0.7", comment: ownerTag("cust", 1001) },
      { name, password: "0042", service: "pppoe", profile, remoteAddress: "10.99.0.7", disabled: false, comment: "isp:cust=1001" },
      { password: "000123", disabled: true },
    );
    // and through the raw API: strings in, the same strings out
    const id = await api.add("/ppp/secret", { name: "0012345", password: "0000" });
    cleanup.push(() => api.remove("/ppp/secret", id));
    const [raw] = await api.print("/ppp/secret", { where: { name: "0012345" } });
    expect(raw).toMatchObject({ ".id": id, name: "0012345", password: "0000" });
  });

  it("PPPoE servers", async () => {
    const serviceName = uniqueName("svc");
    await roundTrip(
      api.pppoeServers,
      { serviceName, interface: iface, defaultProfile: "default", oneSessionPerHost: true, disabled: true },
      { serviceName, interface: iface, oneSessionPerHost: true, disabled: true },
      { authentication: "pap,chap" },
    );
  });

  it("AAA settings", async () => {
    const before = await api.pppAaa.get();
    cleanup.push(() => api.pppAaa.set(before));
    await api.pppAaa.set({ useRadius: true, accounting: true, interimUpdate: 300 });
    expect(await api.pppAaa.get()).toMatchObject({ useRadius: true, accounting: true, interimUpdate: 300 });
    await api.pppAaa.set(before);
    expect(await api.pppAaa.get()).toEqual(before);
  });
});

describe("hotspot", () => {
  it("server profiles", async () => {
    const name = uniqueName("hsprof");
    await roundTrip(
      api.hotspotProfiles,
      { name, hotspotAddress: "10.5.50.1", loginBy: "cookie,http-chap,mac", useRadius: true, radiusInterimUpdate: "5m" },
      { name, hotspotAddress: "10.5.50.1", loginBy: "cookie,http-chap,mac", useRadius: true },
      { useRadius: false },
    );
  });

  it("servers", async () => {
    const pool = await api.ipPools.add({ name: uniqueName("pool"), ranges: "10.5.50.10-10.5.50.200" });
    cleanup.push(() => api.ipPools.remove(pool));
    const poolName = (await api.ipPools.get(pool))!.name;
    const name = uniqueName("hs");
    await roundTrip(
      api.hotspotServers,
      { name, interface: iface, addressPool: poolName, disabled: true },
      { name, interface: iface, addressPool: poolName, disabled: true },
      { addressesPerMac: "1" },
    );
  });

  it("user profiles", async () => {
    const name = uniqueName("hsup");
    await roundTrip(
      api.hotspotUserProfiles,
      { name, rateLimit: "2M/4M", sharedUsers: "1", sessionTimeout: 7200 },
      { name, rateLimit: "2M/4M", sharedUsers: "1", sessionTimeout: 7200, isDefault: false },
      { sharedUsers: "2", addMacCookie: false },
    );
  });

  it("users keep phone-number names and numeric passwords", async () => {
    const name = `07${String(Date.now()).slice(-8)}`;
    await roundTrip(
      api.hotspotUsers,
      { name, password: "0042", limitUptime: 3600, limitBytesTotal: 1_000_000_000, comment: ownerTag("voucher", "V0001") },
      { name, password: "0042", limitUptime: 3600, limitBytesTotal: 1_000_000_000, disabled: false },
      { password: "0099", disabled: true },
    );
  });

  it("walled garden (HTTP and IP)", async () => {
    await roundTrip(
      api.walledGarden,
      { dstHost: "pay.example.com", action: "allow", comment: ownerTag("portal", 1) },
      { dstHost: "pay.example.com", action: "allow", comment: "isp:portal=1", disabled: false },
      { disabled: true },
    );
    await roundTrip(
      api.walledGardenIp,
      { dstAddress: "192.0.2.10", action: "accept", protocol: "tcp", dstPort: "443", comment: ownerTag("portal", 1) },
      { dstAddress: "192.0.2.10", action: "accept", dstPort: "443" },
      { dstPort: "8443" },
    );
  });
});

describe("RADIUS", () => {
  it("servers", async () => {
    await roundTrip(
      api.radius,
      { service: "ppp,hotspot", address: "192.0.2.50", secret: "0s3cret", timeout: 0.3, comment: ownerTag("radius", 1), disabled: true },
      { service: "ppp,hotspot", address: "192.0.2.50", secret: "0s3cret", timeout: 0.3, disabled: true },
      { authenticationPort: 11812, accountingPort: 11813 },
    );
  });

  it("incoming (CoA) settings", async () => {
    const before = await api.radiusIncoming.get();
    cleanup.push(() => api.radiusIncoming.set(before));
    await api.radiusIncoming.set({ accept: true, port: 3799 });
    expect(await api.radiusIncoming.get()).toEqual({ accept: true, port: 3799 });
    await api.radiusIncoming.set(before);
  });
});

describe("queues, firewall, ARP, DHCP, pools", () => {
  it("simple queues (RouterOS rewrites rates and targets; we keep what it says)", async () => {
    const name = uniqueName("q");
    await roundTrip(
      api.queues,
      { name, target: "10.99.1.7", maxLimit: "5M/10M", comment: ownerTag("cust", 7) },
      { name, target: "10.99.1.7/32", maxLimit: "5000000/10000000", bytes: { upload: 0, download: 0 }, disabled: false },
      { maxLimit: "10M/20M" },
      { maxLimit: "10000000/20000000" },
    );
  });

  it("address lists", async () => {
    const list = uniqueName("susp");
    await roundTrip(
      api.addressLists,
      { list, address: "10.99.2.7", comment: ownerTag("cust", 7) },
      { list, address: "10.99.2.7", dynamic: false, disabled: false },
      { disabled: true },
    );
  });

  it("firewall filter and NAT rules", async () => {
    const list = uniqueName("susp");
    await roundTrip(
      api.firewallFilter,
      { chain: "forward", action: "drop", srcAddressList: list, comment: ownerTag("rule", "suspend"), disabled: true },
      { chain: "forward", action: "drop", srcAddressList: list, disabled: true, bytes: 0 },
      { comment: ownerTag("rule", "suspend2") },
    );
    await roundTrip(
      api.firewallNat,
      { chain: "dstnat", action: "dst-nat", protocol: "tcp", dstPort: "80", srcAddressList: list, toAddresses: "10.5.50.1", toPorts: "8080", disabled: true },
      { chain: "dstnat", action: "dst-nat", toAddresses: "10.5.50.1", toPorts: "8080" },
      { toPorts: "8081" },
    );
  });

  it("ARP entries", async () => {
    await roundTrip(
      api.arp,
      { address: "10.99.3.7", macAddress: "02:00:00:00:03:07", interface: iface, comment: ownerTag("cust", 7) },
      { address: "10.99.3.7", macAddress: "02:00:00:00:03:07", interface: iface, dynamic: false },
      { macAddress: "02:00:00:00:03:08" },
    );
  });

  it("DHCP leases", async () => {
    await roundTrip(
      api.dhcpLeases,
      { address: "10.99.4.7", macAddress: "02:00:00:00:04:07", comment: ownerTag("cust", 7) },
      { address: "10.99.4.7", macAddress: "02:00:00:00:04:07", dynamic: false },
      { address: "10.99.4.8", blockAccess: true },
    );
    expect(await api.dhcpLeases.makeStatic("*FFFF")).toBe("not-found");
  });

  it("IP pools", async () => {
    const name = uniqueName("pool");
    await roundTrip(api.ipPools, { name, ranges: "10.99.5.2-10.99.5.254" }, { name, ranges: "10.99.5.2-10.99.5.254" }, { ranges: "10.99.6.2-10.99.6.254" });
  });
});

describe("upsert and conditional removal", () => {
  it("creates, leaves alone, then changes only what differs", async () => {
    const name = `07${String(Date.now()).slice(-8)}`;
    const item = { name, password: "0042", service: "pppoe", comment: ownerTag("cust", 42) };
    const created = await api.pppSecrets.upsertBy("name", item);
    cleanup.push(() => api.pppSecrets.remove(created.id));
    expect(created).toMatchObject({ action: "created", duplicates: [] });
    expect(await api.pppSecrets.upsertBy("name", item)).toEqual({ action: "unchanged", id: created.id, duplicates: [] });
    expect(await api.pppSecrets.upsertBy("name", { ...item, disabled: true })).toEqual({ action: "updated", id: created.id, duplicates: [] });
    const [row] = await api.pppSecrets.find({ name });
    expect(row).toMatchObject({ disabled: true, password: "0042" });
    expect(parseOwnerTag(row!.comment, "cust")).toEqual({ kind: "cust", id: "42" });
  });

  it("upserts on a composite key", async () => {
    const list = uniqueName("susp");
    const first = await api.addressLists.upsertBy(["list", "address"], { list, address: "10.99.7.1", comment: "isp:cust=1" });
    const second = await api.addressLists.upsertBy(["list", "address"], { list, address: "10.99.7.2", comment: "isp:cust=2" });
    const again = await api.addressLists.upsertBy(["list", "address"], { list, address: "10.99.7.1", comment: "isp:cust=1" });
    expect([first.action, second.action, again.action]).toEqual(["created", "created", "unchanged"]);
    expect(again.id).toBe(first.id);
    expect(await api.addressLists.removeWhere({ list })).toBe(2);
    expect(await api.addressLists.removeWhere({ list })).toBe(0);
    expect(await api.addressLists.find({ list })).toEqual([]);
  });
});

describe("read-only menus and system", () => {
  it("interfaces with counters; a comment can be changed", async () => {
    const interfaces = await api.interfaces.list();
    expect(interfaces.length).toBeGreaterThan(0);
    const first = interfaces[0]!;
    expect(typeof first.rxByte).toBe("number");
    const before = first.comment ?? "";
    cleanup.push(() => api.interfaces.update(first.id, { comment: before }));
    expect(await api.interfaces.update(first.id, { comment: "isp contract test" })).toBe("done");
    expect((await api.interfaces.get(first.id))?.comment).toBe("isp contract test");
    await api.interfaces.update(first.id, { comment: before });
    expect(await api.interfaces.update("*FFFFFF", { comment: "x" })).toBe("not-found");
  });

  it("identity round trip", async () => {
    const before = await api.identity.get();
    cleanup.push(() => api.identity.set(before));
    await api.identity.set("isp-contract");
    expect(await api.identity.get()).toBe("isp-contract");
    await api.identity.set(before);
  });

  it("resource and health", async () => {
    const resource = await api.resource.get();
    expect(resource.version).toMatch(/^\d+\.\d+/);
    expect(resource.totalMemory).toBeGreaterThan(0);
    const health = await api.health();
    expect(health).toMatchObject({ identity: expect.any(String), version: resource.version, board: expect.any(String) });
    expect(health.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(health.cpuLoad).toBeGreaterThanOrEqual(0);
    expect(health.freeMemory).toBeLessThanOrEqual(health.totalMemory);
  });

  it("one traffic sample", async () => {
    const sample = await api.monitorTraffic(iface);
    expect(sample.name).toBe(iface);
    expect(typeof sample.rxBitsPerSecond).toBe("number");
  });
});

describe.skipIf(realRouter)("sessions (simulated subscribers)", () => {
  it("PPP active: list, find, disconnect; a second disconnect is not-found", async () => {
    const sim = router.sim!;
    sim.sessions.pppConnect({ name: "0712000001", address: "10.99.8.1", callerId: "02:00:00:00:08:01" });
    const [session] = await api.pppActive.find({ name: "0712000001" });
    expect(session).toMatchObject({ name: "0712000001", address: "10.99.8.1", callerId: "02:00:00:00:08:01", service: "pppoe" });
    sim.tick(3725);
    expect((await api.pppActive.get(session!.id))?.uptime).toBe(3725);
    expect(await api.pppActive.disconnect(session!.id)).toBe("done");
    expect(await api.pppActive.find({ name: "0712000001" })).toEqual([]);
    expect(await api.pppActive.disconnect(session!.id)).toBe("not-found");
  });

  it("hotspot active and hosts: list, logout, remove", async () => {
    const sim = router.sim!;
    sim.sessions.hotspotLogin({ user: "0712000002", address: "10.5.50.20", macAddress: "02:00:00:00:09:02" });
    sim.tick(60);
    const [session] = await api.hotspotActive.find({ user: "0712000002" });
    expect(session).toMatchObject({ user: "0712000002", address: "10.5.50.20", macAddress: "02:00:00:00:09:02" });
    expect(session!.bytesOut).toBeGreaterThanOrEqual(0);
    const [host] = await api.hotspotHosts.find({ macAddress: "02:00:00:00:09:02" });
    expect(host).toMatchObject({ address: "10.5.50.20", authorized: true });
    expect(await api.hotspotActive.logout(session!.id)).toBe("done");
    expect(await api.hotspotActive.logout(session!.id)).toBe("not-found");
    expect(await api.hotspotHosts.remove(host!.id)).toBe("done");
    expect(await api.hotspotActive.list()).toEqual([]);
  });
});

describe("what went over the wire", () => {
  it("every set and remove named its items; no password or secret reached the log", () => {
    const writes = interactions.filter((i) => /\/(set|remove)( |$)/.test(i.command) && !/^\/(ppp\/aaa|radius\/incoming|system\/identity)\/set/.test(i.command));
    expect(writes.length).toBeGreaterThan(20);
    for (const w of writes) expect(w.command).toMatch(/ =\.id=[^ ,=]+/);
    const log = JSON.stringify(interactions);
    for (const secret of ["0s3cret", "000123", "=password=0042", "=password=0099"]) expect(log).not.toContain(secret);
    expect(log).toContain("=password=***");
  });
});
