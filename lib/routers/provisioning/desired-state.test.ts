// The desired state and value normalization, pure: no database, no router.
import { describe, expect, it } from "vitest";
import { buildDesiredState, packageProfileName, serviceOf, type CustomerRow, type DesiredInput, type PackageRow } from "./desired-state";
import { normalizeValue } from "./managed-menus";

const PKG: PackageRow = {
  id: "3f2a1b9c-0000-4000-8000-000000000001",
  name: "Hogar 10M – ñandú",
  status: "ACTIVE",
  rateDownBps: 10_000_000n,
  rateUpBps: 2_000_000n,
  burstDownBps: 20_000_000n,
  burstUpBps: 4_000_000n,
  burstThresholdDownBps: 8_000_000n,
  burstThresholdUpBps: 1_500_000n,
  burstTimeSeconds: 10,
  sharedUsers: 1,
  ipPool: "pool-home",
  dataCapAction: null,
  fupDownBps: null,
  fupUpBps: null,
};
const NOW = new Date("2026-11-21T12:00:00Z");

function customer(overrides: Partial<CustomerRow>): CustomerRow {
  return { id: "c0000000-0000-4000-8000-000000000001", username: "0712345678", status: "ACTIVE", connectionType: "PPPOE", packageId: PKG.id, expiresAt: null, networkPasswordEnc: "sealed", staticIp: null, macAddress: null, macLock: false, lockedAt: null, dataCapReachedAt: null, ...overrides };
}

function build(customers: CustomerRow[], extra: Partial<DesiredInput> = {}) {
  return buildDesiredState({
    tenantId: "t",
    routerId: "r",
    active: true,
    settings: { allowedAddressList: "allowed", arpInterface: "bridge", dhcpServer: "all", hotspotServer: "all" },
    lapsed: { suspendMode: "CAPTIVE", captiveRate: "256k/256k", captiveAddressList: "suspended" },
    packages: new Map([[PKG.id, PKG]]),
    customers,
    now: NOW,
    password: () => "0042",
    ...extra,
  });
}

describe("desired state", () => {
  it("names profiles in ASCII, stable per package, and carries burst and pool", () => {
    expect(packageProfileName(PKG)).toBe("Hogar-10M-nandu-3f2a1b9c");
    const state = build([customer({})]);
    expect(state.items.map((i) => i.menu)).toEqual(["pppProfile", "pppSecret"]);
    expect(state.items[0]!.fields).toMatchObject({ "rate-limit": "2M/10M 4M/20M 1500k/8M 10/10", "only-one": "yes", "remote-address": "pool-home" });
    expect(state.items[1]!.fields).toMatchObject({ name: "0712345678", password: "0042", profile: "Hogar-10M-nandu-3f2a1b9c", disabled: "no" });
  });

  it("lapsed: by status or by expiry time; captive or reject as the ISP chose; disabled is always off", () => {
    expect(serviceOf(customer({ expiresAt: new Date(NOW.getTime() - 1) }), PKG, "CAPTIVE", NOW)).toBe("captive");
    expect(serviceOf(customer({ expiresAt: new Date(NOW.getTime() + 1) }), PKG, "CAPTIVE", NOW)).toBe("on");
    expect(serviceOf(customer({ status: "SUSPENDED" }), PKG, "REJECT", NOW)).toBe("off");
    expect(serviceOf(customer({ status: "DISABLED" }), PKG, "CAPTIVE", NOW)).toBe("off");
    expect(serviceOf(customer({ packageId: null }), undefined, "CAPTIVE", NOW)).toBe("off");
    expect(serviceOf(customer({}), { ...PKG, status: "ARCHIVED" }, "CAPTIVE", NOW)).toBe("captive");
  });

  it("static: queue with burst, allowed entry disabled when lapsed, ARP and lease only with a MAC", () => {
    const state = build([customer({ connectionType: "STATIC", staticIp: "10.1.2.3", status: "EXPIRED" })]);
    expect(state.items.map((i) => i.menu)).toEqual(["queue", "addressList"]);
    expect(state.items[0]!.fields).toMatchObject({ target: "10.1.2.3/32", "max-limit": "2000000/10000000", "burst-limit": "4000000/20000000", "burst-threshold": "1500000/8000000", "burst-time": "10s/10s" });
    expect(state.items[1]!.fields).toMatchObject({ list: "allowed", address: "10.1.2.3", disabled: "yes" });
  });

  it("a router out of API mode wants nothing; a password a router cannot store is a problem", () => {
    expect(build([customer({})], { active: false }).items).toEqual([]);
    const state = build([customer({})], { password: () => "pässword" });
    expect(state.items).toEqual([]);
    expect(state.customers[0]!.problems[0]).toContain("ASCII");
  });
});

describe("values as RouterOS prints them", () => {
  it("compares like with like", () => {
    expect(normalizeValue("rates", "10M/2M")).toBe(normalizeValue("rates", "10000000/2000000"));
    expect(normalizeValue("rates", "")).toBe("0/0");
    expect(normalizeValue("flag", "true")).toBe(normalizeValue("flag", "yes"));
    expect(normalizeValue("flag", undefined)).toBe("no");
    expect(normalizeValue("address", "10.0.0.5/32")).toBe("10.0.0.5");
    expect(normalizeValue("mac", "aa:bb:cc:dd:ee:ff")).toBe("AA:BB:CC:DD:EE:FF");
    expect(normalizeValue("timePair", "8s/8s")).toBe(normalizeValue("timePair", "8/8"));
    expect(normalizeValue("rateLimit", "2M/10M 4M/20M 1500k/8M 10/10")).toBe(normalizeValue("rateLimit", "2000000/10000000 4000000/20000000 1500000/8000000 10s/10s"));
  });
});

describe("data caps on an API-mode router", () => {
  const capped = { ...PKG, dataCapAction: "THROTTLE", fupDownBps: 1_000_000n, fupUpBps: 512_000n };
  it("THROTTLE: the secret moves to the package's fair-use profile, which runs at the fup rate; the package profile stays", () => {
    const state = build([customer({ dataCapReachedAt: NOW })], { packages: new Map([[PKG.id, capped]]) });
    const profiles = state.items.filter((i) => i.menu === "pppProfile");
    expect(profiles.map((p) => [p.key, p.fields.name, p.fields["rate-limit"]])).toEqual([
      [`pppProfile|pkg=${PKG.id}`, "Hogar-10M-nandu-3f2a1b9c", "2M/10M 4M/20M 1500k/8M 10/10"],
      [`pppProfile|pkg=${PKG.id}:fup`, "Hogar-10M-nandu-3f2a1b9c-fup", "512k/1M"],
    ]);
    expect(state.items.find((i) => i.menu === "pppSecret")!.fields).toMatchObject({ profile: "Hogar-10M-nandu-3f2a1b9c-fup", disabled: "no" });
  });
  it("THROTTLE on a static customer: the queue's max-limit is the fup rate without burst", () => {
    const state = build([customer({ connectionType: "STATIC", staticIp: "10.1.2.3", dataCapReachedAt: NOW })], { packages: new Map([[PKG.id, capped]]) });
    expect(state.items.find((i) => i.menu === "queue")!.fields).toMatchObject({ "max-limit": "512000/1000000", "burst-limit": "0/0", "burst-time": "0s/0s" });
  });
  it("CUT_OFF: the secret is disabled and the static address leaves the allowed list", () => {
    const cut = new Map([[PKG.id, { ...PKG, dataCapAction: "CUT_OFF" }]]);
    expect(build([customer({ dataCapReachedAt: NOW })], { packages: cut }).items.find((i) => i.menu === "pppSecret")!.fields.disabled).toBe("yes");
    const stat = build([customer({ connectionType: "STATIC", staticIp: "10.1.2.3", dataCapReachedAt: NOW })], { packages: cut });
    expect(stat.items.find((i) => i.menu === "addressList")!.fields.disabled).toBe("yes");
  });
  it("a locked customer's secret is disabled (REJECT) or moved to the captive profile (CAPTIVE)", () => {
    expect(build([customer({ lockedAt: NOW })], { lapsed: { suspendMode: "REJECT", captiveRate: "256k/256k", captiveAddressList: "suspended" } }).items.find((i) => i.menu === "pppSecret")!.fields.disabled).toBe("yes");
    expect(build([customer({ lockedAt: NOW })]).items.find((i) => i.menu === "pppSecret")!.fields).toMatchObject({ profile: "isp-suspended", disabled: "no" });
  });
});
