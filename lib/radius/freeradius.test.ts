// Real AAA: Debian's FreeRADIUS on the shipped config, reading our tables.
import { describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { updateCustomer } from "@/lib/customers/update-customer";
import { updateRadiusSettings } from "./update-radius-settings";
import { makeCustomer, makePackage, makeRouter, makeTenant, uniq, uniqueLoopback } from "@/lib/testing/factories";
import { freeradiusInstalled } from "./server/run-freeradius";
import { sharedTestFreeradius } from "./testing/freeradius-fixture";
import { chapAttributes, mschapv2RequestAttributes, papAttributes, sendRadius, type RadiusAttribute } from "./testing/radius-client";

const server = sharedTestFreeradius();

const auth = (attrs: RadiusAttribute[], router: { nasIp: string; secret: string }) =>
  sendRadius("Access-Request", [...attrs, ["NAS-IP-Address", router.nasIp]], { port: server().authPort, secret: router.secret, from: router.nasIp, timeoutMs: 700 });

const setRadiusMode = (owner: Parameters<typeof updateRadiusSettings>[0], suspendMode: "REJECT" | "CAPTIVE") => updateRadiusSettings(owner, { suspendMode });

async function isp() {
  const t = await makeTenant();
  const pkg = await makePackage(t.owner, { rateDown: "10M", rateUp: "2M" });
  const router = await makeRouter(t.owner);
  return { t, pkg, router };
}

describe.runIf(freeradiusInstalled() || process.env.CI)("FreeRADIUS with our tables", () => {
  it("PAP, CHAP and MS-CHAPv2 accept with the package's rate, the remaining time and the static address", async () => {
    const { t, pkg, router } = await isp();
    const expiresAt = new Date(Date.now() + 2 * 3600_000).toISOString();
    await makeCustomer(t.owner, { username: "john", password: "s3cret-pw", packageId: pkg.id, expiresAt, staticIp: "10.20.30.40" });
    for (const attrs of [papAttributes("john", "s3cret-pw"), chapAttributes("john", "s3cret-pw"), mschapv2RequestAttributes("john", "s3cret-pw")]) {
      const reply = await auth(attrs, router);
      expect(reply?.code).toBe("Access-Accept");
      expect(reply?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Rate-Limit": "2M/10M" });
      expect(reply?.attributes["Framed-IP-Address"]).toBe("10.20.30.40");
      const timeout = reply?.attributes["Session-Timeout"] as number;
      expect(timeout).toBeGreaterThan(7000);
      expect(timeout).toBeLessThanOrEqual(7200);
    }
    expect((await auth(papAttributes("john", "wrong"), router))?.code).toBe("Access-Reject");
    expect((await auth(mschapv2RequestAttributes("john", "wrong"), router))?.code).toBe("Access-Reject");
  });

  it("the same username in two ISPs: each password and speed, each only from its own routers", async () => {
    const a = await isp();
    const b = await isp();
    const bFast = await makePackage(b.t.owner, { rateDown: "50M", rateUp: "10M" });
    await makeCustomer(a.t.owner, { username: "shared", password: "pass-in-a", packageId: a.pkg.id });
    await makeCustomer(b.t.owner, { username: "shared", password: "pass-in-b", packageId: bFast.id });

    const inA = await auth(papAttributes("shared", "pass-in-a"), a.router);
    expect(inA?.code).toBe("Access-Accept");
    expect(inA?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Rate-Limit": "2M/10M" });
    const inB = await auth(papAttributes("shared", "pass-in-b"), b.router);
    expect(inB?.code).toBe("Access-Accept");
    expect(inB?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Rate-Limit": "10M/50M" });
    expect((await auth(papAttributes("shared", "pass-in-b"), a.router))?.code).toBe("Access-Reject");
    expect((await auth(papAttributes("shared", "pass-in-a"), b.router))?.code).toBe("Access-Reject");
  });

  it("suspended and expired customers are captive or rejected, per the ISP's setting; disabled ones always rejected", async () => {
    const { t, pkg, router } = await isp();
    const c = await makeCustomer(t.owner, { username: uniq("late"), password: "late-pw-1", packageId: pkg.id });
    const base = { id: c.id, name: c.name, packageId: pkg.id, connectionType: "PPPOE" as const };
    await updateCustomer(t.owner, { ...base, status: "SUSPENDED" });
    const captive = await auth(papAttributes(c.username, "late-pw-1"), router);
    expect(captive?.code).toBe("Access-Accept");
    expect(captive?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Address-List": "suspended", "Mikrotik-Rate-Limit": "256k/256k" });

    await setRadiusMode(t.owner, "REJECT");
    expect((await auth(papAttributes(c.username, "late-pw-1"), router))?.code).toBe("Access-Reject");

    await updateCustomer(t.owner, { ...base, status: "ACTIVE", expiresAt: new Date(Date.now() - 60_000).toISOString() });
    expect((await auth(papAttributes(c.username, "late-pw-1"), router))?.code).toBe("Access-Reject");
    await setRadiusMode(t.owner, "CAPTIVE");
    expect((await auth(papAttributes(c.username, "late-pw-1"), router))?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Address-List": "suspended" });

    await updateCustomer(t.owner, { ...base, status: "DISABLED" });
    expect((await auth(papAttributes(c.username, "late-pw-1"), router))?.code).toBe("Access-Reject");
  });

  it("expiry bites at the instant itself, before any job has run", async () => {
    const { t, pkg, router } = await isp();
    const c = await makeCustomer(t.owner, { username: uniq("soon"), password: "soon-pw-1", packageId: pkg.id, expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await auth(papAttributes(c.username, "soon-pw-1"), router))?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Rate-Limit": "2M/10M" });
    // Time passes (the clock is the database's): move the instant into the past without touching the group.
    await withTenant(t.tenantId, (tx) => tx.radExpiry.updateMany({ where: { username: c.username }, data: { expiresAt: new Date(Date.now() - 1000) } }));
    const lapsed = await auth(papAttributes(c.username, "soon-pw-1"), router);
    expect(lapsed?.code).toBe("Access-Accept");
    expect(lapsed?.attributes["Vendor-Specific"]).toMatchObject({ "Mikrotik-Address-List": "suspended", "Mikrotik-Rate-Limit": "256k/256k" });
    expect(lapsed?.attributes["Session-Timeout"]).toBeUndefined();
  });

  it("hotspot MAC authentication, and a MAC lock that refuses other devices", async () => {
    const { t, pkg, router } = await isp();
    await makeCustomer(t.owner, { username: uniq("phone"), password: "phone-pw-1", connectionType: "HOTSPOT", packageId: pkg.id, macAddress: "aa-bb-cc-00-11-22" });
    const mac = await auth(papAttributes("AA:BB:CC:00:11:22", "AA:BB:CC:00:11:22"), router);
    expect(mac?.code).toBe("Access-Accept");
    const mac2 = await auth(chapAttributes("AA:BB:CC:00:11:22", "AA:BB:CC:00:11:22"), router);
    expect(mac2?.code).toBe("Access-Accept");

    const locked = await makeCustomer(t.owner, { username: uniq("lock"), password: "lock-pw-1", packageId: pkg.id, macAddress: "02:00:00:00:00:01", macLock: "on" });
    const from = (mac: string): RadiusAttribute[] => [...papAttributes(locked.username, "lock-pw-1"), ["Calling-Station-Id", mac]];
    expect((await auth(from("02:00:00:00:00:01"), router))?.code).toBe("Access-Accept");
    expect((await auth(from("02:00:00:00:00:02"), router))?.code).toBe("Access-Reject");
  });

  it("a router added while FreeRADIUS runs works at once; a wrong secret or an unknown router gets no answer", async () => {
    const { t, pkg } = await isp();
    await makeCustomer(t.owner, { username: "late-router", password: "lr-pass-1", packageId: pkg.id });
    const router = await makeRouter(t.owner);
    expect((await auth(papAttributes("late-router", "lr-pass-1"), router))?.code).toBe("Access-Accept");
    expect(await auth(papAttributes("late-router", "lr-pass-1"), { ...router, secret: "not-the-secret" })).toBeNull();
    expect(await auth(papAttributes("late-router", "lr-pass-1"), { nasIp: uniqueLoopback(), secret: router.secret })).toBeNull();
  });

  it("accounting Start, Interim-Update and Stop fold into one radacct row of the router's ISP, gigawords included", async () => {
    const { t, pkg, router } = await isp();
    const c = await makeCustomer(t.owner, { username: uniq("acct"), password: "acct-pw-1", packageId: pkg.id });
    const session = uniq("sess");
    const acct = (status: string, extra: RadiusAttribute[] = []) =>
      sendRadius("Accounting-Request", [["User-Name", c.username], ["Acct-Status-Type", status], ["Acct-Session-Id", session], ["NAS-IP-Address", router.nasIp], ["Framed-IP-Address", "10.9.8.7"], ...extra], {
        port: server().acctPort,
        secret: router.secret,
        from: router.nasIp,
      });
    expect((await acct("Start"))?.code).toBe("Accounting-Response");
    expect((await acct("Interim-Update", [["Acct-Session-Time", 60], ["Acct-Input-Octets", 1000], ["Acct-Output-Octets", 223456789], ["Acct-Output-Gigawords", 1]]))?.code).toBe("Accounting-Response");
    let rows = await withTenant(t.tenantId, (tx) => tx.radAcct.findMany({ where: { username: c.username } }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tenantId: t.tenantId, acctstoptime: null, framedipaddress: "10.9.8.7", nasipaddress: router.nasIp });
    expect(rows[0]!.acctoutputoctets).toBe(4518424085n);
    expect((await acct("Stop", [["Acct-Session-Time", 120], ["Acct-Input-Octets", 5000], ["Acct-Output-Octets", 1], ["Acct-Output-Gigawords", 2], ["Acct-Terminate-Cause", "User-Request"]]))?.code).toBe("Accounting-Response");
    rows = await withTenant(t.tenantId, (tx) => tx.radAcct.findMany({ where: { username: c.username } }));
    expect(rows[0]).toMatchObject({ acctsessiontime: 120n, acctinputoctets: 5000n, acctoutputoctets: 8589934593n, acctterminatecause: "User-Request" });
    expect(rows[0]!.acctstoptime).not.toBeNull();
  });

  it("refuses a second session beyond the package's shared users, and accepts again once it ends", async () => {
    const { t, pkg, router } = await isp();
    const c = await makeCustomer(t.owner, { username: uniq("one"), password: "one-pw-123", packageId: pkg.id });
    const acct = (status: string) =>
      sendRadius("Accounting-Request", [["User-Name", c.username], ["Acct-Status-Type", status], ["Acct-Session-Id", "only-one"], ["NAS-IP-Address", router.nasIp]], { port: server().acctPort, secret: router.secret, from: router.nasIp });
    expect((await auth(papAttributes(c.username, "one-pw-123"), router))?.code).toBe("Access-Accept");
    await acct("Start");
    expect((await auth(papAttributes(c.username, "one-pw-123"), router))?.code).toBe("Access-Reject");
    await acct("Stop");
    expect((await auth(papAttributes(c.username, "one-pw-123"), router))?.code).toBe("Access-Accept");
  });

  it("logs every attempt without the password", async () => {
    const { t, pkg, router } = await isp();
    const c = await makeCustomer(t.owner, { username: uniq("log"), password: "log-pw-123", packageId: pkg.id });
    await auth(papAttributes(c.username, "log-pw-123"), router);
    await auth(papAttributes(c.username, "guess-pw"), router);
    const log = await withTenant(t.tenantId, (tx) => tx.radPostAuth.findMany({ where: { username: c.username }, orderBy: { id: "asc" } }));
    expect(log.map((l) => l.reply)).toEqual(["Access-Accept", "Access-Reject"]);
    const raw = await withSystem("test: radpostauth columns", (tx) => tx.$queryRaw<{ column_name: string }[]>`SELECT column_name::text FROM information_schema.columns WHERE table_name = 'radpostauth'`);
    expect(raw.map((r) => r.column_name)).not.toContain("pass");
  });
});
