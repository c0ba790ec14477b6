// The plan (pure) and where its addresses come from.
import { describe, expect, it } from "vitest";
import { planRouterSetup } from "./plan-router-setup";
import { routerSetupEnvironment } from "./setup-environment";
import { sameValue, valueToWrite } from "./setup-values";
import type { PlannedItem, RouterSetupContext } from "./setup.types";

const ctx: RouterSetupContext = {
  router: { id: "r1", nasIp: "198.51.100.7", radiusSecret: "s3cret", coaPort: 1700 },
  radiusServer: { address: "192.0.2.10", authPort: 11812, acctPort: 11813 },
  portalHost: "203.0.113.5",
  settings: { captiveAddressList: "unpaid", interimIntervalSeconds: 600 },
};

const items = (plan: ReturnType<typeof planRouterSetup>, step: string) => plan.steps.find((s) => s.id === step)!.entries.filter((e): e is PlannedItem => e.kind === "item");

describe("planRouterSetup", () => {
  it("follows the router, the ISP's settings and the environment", () => {
    const plan = planRouterSetup(ctx);
    expect(items(plan, "radius")[0]).toMatchObject({
      fields: { address: "192.0.2.10", secret: "s3cret", authenticationPort: 11812, accountingPort: 11813 },
      createFields: { srcAddress: "198.51.100.7" },
    });
    expect(plan.steps.find((s) => s.id === "radius-incoming")!.entries[0]).toMatchObject({ fields: { accept: true, port: 1700 } });
    expect(plan.steps.find((s) => s.id === "ppp-aaa")!.entries[0]).toMatchObject({ fields: { useRadius: true, accounting: true, interimUpdate: 600 } });
    expect(items(plan, "hotspot")[0]!.fields).toMatchObject({ radiusInterimUpdate: "10m" });
    // A portal given as an address is matched on dst-address, not dst-host.
    expect(items(plan, "walled-garden")[0]!.fields).toEqual({ action: "accept", dstAddress: "203.0.113.5", disabled: false });
    const rules = items(plan, "firewall").filter((i) => i.menu === "firewallFilter");
    expect(rules.map((r) => [r.tagId, r.fields.srcAddressList, r.fields.action])).toEqual([
      ["fw-dns-udp", "unpaid", "accept"],
      ["fw-dns-tcp", "unpaid", "accept"],
      ["fw-portal", "unpaid", "accept"],
      ["fw-drop", "unpaid", "drop"],
    ]);
    // Adopting an operator's rule needs the same matchers, not a narrower rule.
    expect(rules[3]!.key).toMatchObject({ chain: "forward", action: "drop", srcAddressList: "unpaid", protocol: "", dstPort: "", inInterface: "" });
    // No static customers' interface (RADIUS mode, or none set on the Sync tab): no rules for them.
    expect(rules.some((r) => String(r.tagId).startsWith("fw-static"))).toBe(false);
    const statics = items(planRouterSetup({ ...ctx, staticCustomers: { interface: "ether3", allowedList: "paid" } }), "firewall").filter((i) => i.menu === "firewallFilter").slice(4);
    expect(statics.map((r) => [r.tagId, r.fields.inInterface, r.fields.srcAddressList, r.fields.action, r.fields.protocol ?? r.fields.dstAddressList ?? ""])).toEqual([
      ["fw-static-dns-udp", "ether3", "!paid", "accept", "udp"],
      ["fw-static-dns-tcp", "ether3", "!paid", "accept", "tcp"],
      ["fw-static-portal", "ether3", "!paid", "accept", "isp-portal"],
      ["fw-static-drop", "ether3", "!paid", "drop", ""],
    ]);
    expect(items(plan, "pppoe")).toEqual([]);
    expect(planRouterSetup({ ...ctx, options: { pppoeInterface: "vlan20" } }).steps.find((s) => s.id === "pppoe")!.entries[0]).toMatchObject({
      kind: "item",
      key: { interface: "vlan20" },
    });
  });
});

describe("routerSetupEnvironment", () => {
  it("takes RADIUS_PUBLIC_ADDRESS and PORTAL_HOST when set", () => {
    expect(routerSetupEnvironment({ RADIUS_PUBLIC_ADDRESS: "192.0.2.10", PORTAL_HOST: "pay.example.net", RADIUS_AUTH_PORT: "1645", RADIUS_ACCT_PORT: "1646" })).toEqual({
      radiusServer: { address: "192.0.2.10", authPort: 1645, acctPort: 1646 },
      portalHost: "pay.example.net",
      warnings: [],
      problems: [],
    });
  });

  it("falls back to the listen address, then the app's address, then 127.0.0.1, saying so", () => {
    expect(routerSetupEnvironment({ RADIUS_LISTEN_ADDRESS: "10.0.0.2", NEXTAUTH_URL: "https://isp.example.net" })).toMatchObject({
      radiusServer: { address: "10.0.0.2", authPort: 1812, acctPort: 1813 },
      portalHost: "isp.example.net",
      warnings: [expect.stringContaining("RADIUS_LISTEN_ADDRESS")],
    });
    expect(routerSetupEnvironment({ RADIUS_LISTEN_ADDRESS: "0.0.0.0", NEXTAUTH_URL: "http://203.0.113.9:3000" }).radiusServer.address).toBe("203.0.113.9");
    const bare = routerSetupEnvironment({});
    expect(bare.radiusServer.address).toBe("127.0.0.1");
    expect(bare.portalHost).toBe("localhost");
    expect(bare.warnings).toEqual([expect.stringContaining("RADIUS_PUBLIC_ADDRESS is not set"), expect.stringContaining("PORTAL_HOST")]);
    expect(bare.problems).toEqual([]);
  });

  it("refuses values a router cannot take", () => {
    expect(routerSetupEnvironment({ RADIUS_PUBLIC_ADDRESS: "radius.example.net", PORTAL_HOST: "https://pay.example.net/", RADIUS_AUTH_PORT: "x" }).problems).toEqual([
      expect.stringContaining("RADIUS_PUBLIC_ADDRESS must be an IP address"),
      expect.stringContaining("PORTAL_HOST must be a host name"),
      expect.stringContaining("RADIUS_AUTH_PORT"),
    ]);
  });
});

describe("comparing with the router", () => {
  it("treats comma lists as sets and adds ours without dropping theirs", () => {
    expect(sameValue("service", "hotspot,ppp,login", "ppp,hotspot", true)).toBe(true);
    expect(sameValue("service", "ppp", "ppp,hotspot", true)).toBe(false);
    expect(valueToWrite("ppp,login", "ppp,hotspot", true)).toBe("ppp,login,hotspot");
  });

  it("reads durations and empty values the way RouterOS prints them", () => {
    expect(sameValue("radiusInterimUpdate", "00:05:00", "5m")).toBe(true);
    expect(sameValue("radiusInterimUpdate", "received", "5m")).toBe(false);
    expect(sameValue("interimUpdate", 300, 300)).toBe(true);
    expect(sameValue("protocol", undefined, "")).toBe(true);
    expect(sameValue("disabled", undefined, false)).toBe(true);
  });
});
