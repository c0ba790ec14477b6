// API-mode provisioning against the RouterOS simulator, through the production adapter: what each
// connection type puts on the router, suspension, minimal writes, untagged items left alone.
import { afterAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { savePackage } from "@/lib/packages/save-package";
import { TEST_PASSWORD, uniq } from "@/lib/testing/factories";
import { routerPool } from "@/lib/routers/router-access";
import { packageProfileName } from "./desired-state";
import { reconcileRouter } from "./reconcile-router";
import { apiRouterFixture, editCustomer, makeStaticPackage, placeCustomer, routerRow, syncRow, type ApiRouterFixture, type PlacedCustomer } from "./provisioning-fixtures";

const fixtures: ApiRouterFixture[] = [];
async function fixture() {
  const fx = await apiRouterFixture();
  fixtures.push(fx);
  return fx;
}
afterAll(async () => {
  await Promise.all(fixtures.map((f) => f.close()));
});

describe("provisioning each connection type", () => {
  it("PPPoE: a secret per customer and a profile per package, tagged, with the package's rate limit", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner, { name: "Home 10M", rateDown: "10M", rateUp: "2M" });
    const a = await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id });
    const b = await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id, staticIp: "10.20.0.7" });
    expect((await syncRow(fx, a.id))?.state).toBe("PENDING");

    const run = await fx.reconcile();
    expect(run).toMatchObject({ added: 3, changed: 0, removed: 0, errors: 0, drift: 0 });
    expect(run.writes).toBe(3);

    const profiles = fx.ours("/ppp/profile");
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({ name: packageProfileName(pkg), "rate-limit": "2M/10M", "only-one": "yes", comment: `isp:pkg=${pkg.id}` });
    const secrets = fx.ours("/ppp/secret");
    expect(secrets).toHaveLength(2);
    const secretA = secrets.find((s) => s.name === a.username);
    expect(secretA).toMatchObject({ password: TEST_PASSWORD, service: "pppoe", profile: packageProfileName(pkg), disabled: "false", comment: `isp:cust=${a.id}` });
    expect(secretA!["remote-address"]).toBeUndefined();
    expect(secrets.find((s) => s.name === b.username)).toMatchObject({ "remote-address": "10.20.0.7" });

    expect(await syncRow(fx, a.id)).toMatchObject({ state: "IN_SYNC", error: null, drift: null });
    expect(await routerRow(fx)).toMatchObject({ syncState: "IN_SYNC", driftCount: 0, syncError: null });
  });

  it("hotspot: a user per customer and a user profile per package", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner, { rateDown: "5M", rateUp: "1M", sharedUsers: 2 });
    const c = await placeCustomer(fx, { connectionType: "HOTSPOT", packageId: pkg.id, macAddress: "aa-bb-cc-00-00-01", macLock: true });
    const run = await fx.reconcile();
    expect(run).toMatchObject({ added: 2, writes: 2, errors: 0 });
    expect(fx.ours("/ip/hotspot/user/profile")).toEqual([
      expect.objectContaining({ name: packageProfileName(pkg), "rate-limit": "1M/5M", "shared-users": "2" }),
    ]);
    expect(fx.ours("/ip/hotspot/user")).toEqual([
      expect.objectContaining({ name: c.username, password: TEST_PASSWORD, profile: packageProfileName(pkg), server: "all", "mac-address": "AA:BB:CC:00:00:01", disabled: "false" }),
    ]);
    expect(fx.ours("/ppp/secret")).toHaveLength(0);
  });

  it("static: a queue, an allowed address-list entry, an ARP entry and a static DHCP lease", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner, { rateDown: "20M", rateUp: "5M" });
    const c = await placeCustomer(fx, { connectionType: "STATIC", packageId: pkg.id, staticIp: "192.168.88.10", macAddress: "AA:BB:CC:00:00:10" });
    const run = await fx.reconcile();
    expect(run).toMatchObject({ added: 4, writes: 4, errors: 0 });
    const tag = `isp:cust=${c.id}`;
    expect(fx.ours("/queue/simple")).toEqual([expect.objectContaining({ name: c.username, target: "192.168.88.10/32", "max-limit": "5000000/20000000", comment: tag })]);
    expect(fx.ours("/ip/firewall/address-list")).toEqual([expect.objectContaining({ list: "allowed", address: "192.168.88.10", disabled: "false", comment: tag })]);
    expect(fx.ours("/ip/arp")).toEqual([expect.objectContaining({ address: "192.168.88.10", "mac-address": "AA:BB:CC:00:00:10", interface: "bridge", comment: tag })]);
    expect(fx.ours("/ip/dhcp-server/lease")).toEqual([expect.objectContaining({ address: "192.168.88.10", "mac-address": "AA:BB:CC:00:00:10", server: "all", comment: tag })]);
    // No profile: static customers are shaped by their queue.
    expect(fx.ours("/ppp/profile")).toHaveLength(0);
  });

  it("a customer that cannot be provisioned shows ERROR with the reason", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner);
    const c = await placeCustomer(fx, { connectionType: "STATIC", packageId: pkg.id, staticIp: "2001:db8::5", macAddress: "AA:BB:CC:00:00:11" });
    await fx.reconcile();
    expect(await syncRow(fx, c.id)).toMatchObject({ state: "ERROR", error: expect.stringContaining("IPv4") });
    expect(fx.ours("/queue/simple")).toHaveLength(0);
  });
});

describe("suspension", () => {
  it("static: disables the address-list entry and keeps ARP, lease and queue: one write", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner);
    const c = await placeCustomer(fx, { connectionType: "STATIC", packageId: pkg.id, staticIp: "192.168.88.20", macAddress: "AA:BB:CC:00:00:20" });
    await fx.reconcile();
    const arpBefore = fx.ours("/ip/arp");

    await editCustomer(fx.owner, c, { status: "SUSPENDED" });
    expect((await syncRow(fx, c.id))?.state).toBe("PENDING");
    fx.sim.resetStats();
    const run = await fx.reconcile();
    expect(run).toMatchObject({ writes: 1, changed: 1, added: 0, removed: 0 });
    expect(fx.sim.stats().writes).toBe(1);
    expect(fx.ours("/ip/firewall/address-list")).toEqual([expect.objectContaining({ address: "192.168.88.20", disabled: "true" })]);
    expect(fx.ours("/ip/arp")).toEqual(arpBefore);
    expect(fx.ours("/ip/dhcp-server/lease")).toHaveLength(1);
    expect(fx.ours("/queue/simple")).toHaveLength(1);
    expect((await syncRow(fx, c.id))?.state).toBe("IN_SYNC");

    await editCustomer(fx.owner, c, { status: "ACTIVE" });
    fx.sim.resetStats();
    expect((await fx.reconcile()).writes).toBe(1);
    expect(fx.ours("/ip/firewall/address-list")[0]).toMatchObject({ disabled: "false" });
  });

  it("PPPoE, ISP lapsed mode CAPTIVE (default): the secret moves to the captive profile; REJECT: the secret is disabled", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner);
    const c = await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id });
    await fx.reconcile();

    await editCustomer(fx.owner, c, { packageId: pkg.id, status: "SUSPENDED" });
    const captive = await fx.reconcile();
    expect(captive).toMatchObject({ added: 1, changed: 1, writes: 2 });
    expect(fx.ours("/ppp/profile").map((p) => p.name).sort()).toEqual(["isp-suspended", packageProfileName(pkg)].sort());
    expect(fx.ours("/ppp/profile").find((p) => p.name === "isp-suspended")).toMatchObject({ "rate-limit": "256k/256k", "address-list": "suspended", comment: "isp:pkg=captive" });
    expect(fx.ours("/ppp/secret")[0]).toMatchObject({ profile: "isp-suspended", disabled: "false" });

    await withTenant(fx.tenantId, (tx) => tx.tenant.update({ where: { id: fx.tenantId }, data: { settings: { radius: { suspendMode: "REJECT" } } } }));
    const reject = await fx.reconcile();
    // The secret goes back to its package's profile, disabled; the captive profile nobody uses goes.
    expect(reject).toMatchObject({ changed: 1, removed: 1, writes: 2 });
    expect(fx.ours("/ppp/secret")[0]).toMatchObject({ profile: packageProfileName(pkg), disabled: "true" });
    expect(fx.ours("/ppp/profile").map((p) => p.name)).toEqual([packageProfileName(pkg)]);
  });
});

describe("minimal writes", () => {
  it("an unchanged router: zero writes; one customer changed: exactly its writes", async () => {
    const fx = await fixture();
    const slow = await makeStaticPackage(fx.owner, { rateDown: "10M", rateUp: "2M" });
    const fast = await makeStaticPackage(fx.owner, { rateDown: "50M", rateUp: "10M" });
    const customers: PlacedCustomer[] = [];
    for (let i = 0; i < 4; i++) customers.push(await placeCustomer(fx, { connectionType: "STATIC", packageId: slow.id, staticIp: `10.9.0.${i + 2}`, macAddress: `AA:BB:CC:00:01:0${i}` }));
    const pppoe = await placeCustomer(fx, { connectionType: "PPPOE", packageId: slow.id });
    expect((await fx.reconcile()).writes).toBe(4 * 4 + 2);

    fx.sim.resetStats();
    expect(await fx.reconcile()).toMatchObject({ writes: 0, added: 0, changed: 0, removed: 0 });
    expect(fx.sim.stats().writes).toBe(0);

    // A package switch of one static customer: its queue's max-limit, nothing else.
    await editCustomer(fx.owner, customers[1]!, { packageId: fast.id });
    fx.sim.resetStats();
    expect(await fx.reconcile()).toMatchObject({ writes: 1, changed: 1 });
    expect(fx.sim.stats().writes).toBe(1);
    expect(fx.ours("/queue/simple").find((q) => q.name === customers[1]!.username)).toMatchObject({ "max-limit": "10000000/50000000" });

    // A new MAC: ARP entry and lease.
    await editCustomer(fx.owner, customers[2]!, { macAddress: "AA:BB:CC:00:02:99" });
    fx.sim.resetStats();
    expect(await fx.reconcile()).toMatchObject({ writes: 2, changed: 2 });

    // A PPPoE customer to another package: its profile added, its secret changed, the old profile
    // (used by nobody now) removed.
    await editCustomer(fx.owner, pppoe, { packageId: fast.id });
    fx.sim.resetStats();
    expect(await fx.reconcile()).toMatchObject({ writes: 3, added: 1, changed: 1, removed: 1 });
    expect(fx.ours("/ppp/profile").map((p) => p.name)).toEqual([packageProfileName(fast)]);

    // A customer moved off the router: its four items go.
    await withTenant(fx.tenantId, (tx) => tx.customer.update({ where: { id: customers[0]!.id }, data: { routerId: null } }));
    fx.sim.resetStats();
    expect(await fx.reconcile()).toMatchObject({ writes: 4, removed: 4 });
    expect(await syncRow(fx, customers[0]!.id)).toBeNull();
    expect(fx.ours("/queue/simple")).toHaveLength(3);

    fx.sim.resetStats();
    expect((await fx.reconcile()).writes).toBe(0);
  });
});

describe("package changes", () => {
  it("a new speed reaches its profile and its static customers' queues, and asks for the sync itself", async () => {
    const fx = await fixture();
    const input = { name: uniq("Pkg "), price: "1000", validityValue: 30, validityUnit: "DAY" as const, rateDown: "10M", rateUp: "2M", connectionTypes: ["PPPOE" as const, "STATIC" as const] };
    const pkg = await savePackage(fx.owner, input);
    await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id });
    await placeCustomer(fx, { connectionType: "STATIC", packageId: pkg.id, staticIp: "10.44.0.2", macAddress: "AA:BB:CC:44:00:02" });
    await placeCustomer(fx, { connectionType: "STATIC", packageId: pkg.id, staticIp: "10.44.0.3", macAddress: "AA:BB:CC:44:00:03" });
    await fx.reconcile();
    const claimed = await withTenant(fx.tenantId, (tx) => tx.routerProvisioning.findUniqueOrThrow({ where: { routerId: fx.routerId } }));
    expect(claimed.changeSeq).toBe(claimed.claimedSeq);

    await savePackage(fx.owner, { ...input, id: pkg.id, rateDown: "12M", rateUp: "3M" });
    const requested = await withTenant(fx.tenantId, (tx) => tx.routerProvisioning.findUniqueOrThrow({ where: { routerId: fx.routerId } }));
    expect(requested.changeSeq).toBeGreaterThan(requested.claimedSeq);
    fx.sim.resetStats();
    expect(await fx.reconcile()).toMatchObject({ writes: 3, changed: 3 });
    expect(fx.ours("/ppp/profile")[0]).toMatchObject({ "rate-limit": "3M/12M" });
    expect(fx.ours("/queue/simple").map((q) => q["max-limit"])).toEqual(["3000000/12000000", "3000000/12000000"]);
  });
});

describe("items we do not own", () => {
  it("are never touched, even with names like ours; a clash is the customer's error, not a takeover", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner);
    const secrets = fx.sim.menu("/ppp/secret");
    const queues = fx.sim.menu("/queue/simple");
    const lists = fx.sim.menu("/ip/firewall/address-list");
    secrets.add({ name: "hand-made", password: "x", comment: "made by hand" });
    queues.add({ name: "uplink", target: "10.0.0.0/8", "max-limit": "100M/100M" });
    lists.add({ list: "allowed", address: "10.50.0.1", comment: "isp:cust=1001 legacy import" });
    lists.add({ list: "allowed", address: "10.50.0.2", comment: "isp:router=setup" });
    const untouched = () => [...secrets.rows(), ...queues.rows(), ...lists.rows()].filter((r) => !/isp:cust=[0-9a-f]{8}-/.test(r.comment ?? ""));
    const before = untouched();

    const a = await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id });
    const clash = await placeCustomer(fx, { username: "hand-made", connectionType: "PPPOE", packageId: pkg.id });
    const run = await fx.reconcile();
    expect(run.errors).toBe(1);
    expect(untouched()).toEqual(before);
    expect(secrets.find((r) => r.name === a.username)).toHaveLength(1);
    expect(await syncRow(fx, clash.id)).toMatchObject({ state: "ERROR", error: expect.stringContaining("already exists") });
    expect(await routerRow(fx)).toMatchObject({ syncState: "ERROR", syncError: expect.stringContaining("refused") });

    // Everything of ours removed (the router leaves API mode): the others stay.
    await withTenant(fx.tenantId, (tx) => tx.router.update({ where: { id: fx.routerId }, data: { mode: "RADIUS" } }));
    await fx.reconcile();
    expect(fx.ours("/ppp/secret")).toHaveLength(0);
    expect(fx.ours("/ppp/profile")).toHaveLength(0);
    expect(untouched()).toEqual(before);
    expect(await fx.reconcile()).toMatchObject({ skipped: "not-api" });
  });

  it("duplicates of one of our items and stale items of ours are removed", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner);
    const c = await placeCustomer(fx, { connectionType: "STATIC", packageId: pkg.id, staticIp: "10.60.0.2", macAddress: "AA:BB:CC:00:06:02" });
    await fx.reconcile();
    const lists = fx.sim.menu("/ip/firewall/address-list");
    lists.add({ list: "allowed", address: "10.60.0.99", comment: `isp:cust=${c.id}` }); // a copy someone made
    lists.add({ list: "allowed", address: "10.60.0.98", comment: "isp:cust=00000000-0000-4000-8000-000000000001" }); // a customer long gone
    fx.sim.resetStats();
    expect(await fx.reconcile()).toMatchObject({ removed: 2, writes: 2 });
    expect(fx.ours("/ip/firewall/address-list").map((r) => r.address)).toEqual(["10.60.0.2"]);
  });
});

describe("an address the deployment refuses", () => {
  it("fails the run at once, without retries, and the router's sync state says why", async () => {
    const fx = await fixture();
    await placeCustomer(fx, { connectionType: "PPPOE", packageId: (await makeStaticPackage(fx.owner)).id });
    const allowed = process.env.ROUTER_API_ALLOW_LOCAL;
    delete process.env.ROUTER_API_ALLOW_LOCAL;
    try {
      // The app's own pool, which applies the address policy (the fixture's pool does not).
      const error = await reconcileRouter(fx.tenantId, fx.routerId, { pool: routerPool() }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "RouterSyncError", retryable: false });
      expect((await routerRow(fx))?.syncError).toMatch(/not contacted.*loopback/);
      expect(fx.ours("/ppp/secret")).toHaveLength(0);
    } finally {
      process.env.ROUTER_API_ALLOW_LOCAL = allowed;
    }
  });
});

describe("operator-typed text on the router", () => {
  it("a password of quotes, back-quotes, %{...}, backslashes and API-looking words reaches the secret byte for byte, and nothing else changes", async () => {
    const fx = await fixture();
    const pkg = await makeStaticPackage(fx.owner);
    const password = "`%{sql:SELECT 1}` \"q\" 'q' \\\\ =disabled=yes\n/ppp/secret/remove";
    const c = await placeCustomer(fx, { connectionType: "PPPOE", packageId: pkg.id, password });
    const run = await fx.reconcile();
    expect(run.errors).toBe(0);
    const secrets = fx.ours("/ppp/secret");
    expect(secrets).toHaveLength(1);
    expect(secrets[0]).toMatchObject({ name: c.username, password, disabled: "false", profile: packageProfileName(pkg) });
  });
});
