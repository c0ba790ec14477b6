import { describe, expect, it } from "vitest";
import { refuseRouterAddress, refuseRouterHost, routerAddressPolicy } from "./router-address-policy";

const strict = routerAddressPolicy({});
const demo = routerAddressPolicy({ ROUTER_API_ALLOW_LOCAL: "1" });
const fenced = routerAddressPolicy({ ROUTER_API_DENY_NETWORKS: "10.20.0.0/16, fd12:3456::/32" });

describe("router address policy", () => {
  // [address, refused by default, refused with ROUTER_API_ALLOW_LOCAL=1]
  const table: [string, boolean, boolean][] = [
    ["127.0.0.1", true, false],
    ["127.255.255.254", true, false],
    ["0.0.0.0", true, false],
    ["::1", true, false],
    ["::", true, false],
    ["::ffff:127.0.0.1", true, false],
    ["::ffff:7f00:1", true, false],
    ["0:0:0:0:0:ffff:7f00:0001", true, false],
    ["::127.0.0.1", true, false], // IPv4-compatible
    ["64:ff9b::7f00:1", true, false], // NAT64
    ["2002:7f00:1::", true, false], // 6to4
    ["169.254.1.1", true, false],
    ["fe80::1", true, false],
    ["fe80::1%eth0", true, false],
    ["febf::1", true, false],
    // cloud metadata: refused even for the demo
    ["169.254.169.254", true, true],
    ["::ffff:169.254.169.254", true, true],
    ["169.254.170.2", true, true],
    ["100.100.100.200", true, true],
    ["168.63.129.16", true, true],
    ["fd00:ec2::254", true, true],
    // never a router
    ["224.0.0.1", true, true],
    ["255.255.255.255", true, true],
    ["240.0.0.1", true, true],
    ["ff02::1", true, true],
    ["::ffff:224.0.0.1", true, true],
    // routers: public, private (VPNs), CGNAT, ULA
    ["203.0.113.7", false, false],
    ["8.8.8.8", false, false],
    ["10.0.0.1", false, false],
    ["172.16.5.1", false, false],
    ["192.168.88.1", false, false],
    ["100.64.0.1", false, false],
    ["100.100.100.201", false, false],
    ["fd12:3456::1", false, false],
    ["2001:db8::1", false, false],
    ["::ffff:192.168.88.1", false, false],
    ["fec0::1", false, false],
  ];
  it.each(table)("%s: refused %s by default, %s for the demo", (address, refused, refusedForDemo) => {
    expect(refuseRouterAddress(address, strict) !== null, `default: ${refuseRouterAddress(address, strict)}`).toBe(refused);
    expect(refuseRouterAddress(address, demo) !== null, `demo: ${refuseRouterAddress(address, demo)}`).toBe(refusedForDemo);
  });

  it("says why in words", () => {
    expect(refuseRouterAddress("127.0.0.1", strict)).toBe("127.0.0.1 is this server's own loopback address, not a router");
    expect(refuseRouterAddress("169.254.169.254", demo)).toBe("169.254.169.254 is the cloud metadata service, not a router");
    expect(refuseRouterAddress("::ffff:127.0.0.1", strict)).toBe("::ffff:127.0.0.1 stands for 127.0.0.1, which is this server's own loopback address, not a router");
    expect(refuseRouterAddress("fe80::1", strict)).toBe("fe80::1 is a link-local address, which this server does not reach routers on");
    expect(refuseRouterAddress("localhost", strict)).toBe("localhost is not an IP address");
  });

  it("refuses the deployment's own networks when it names them", () => {
    expect(refuseRouterAddress("10.20.3.4", fenced)).toBe("10.20.3.4 is in a network this service keeps for itself, not for routers");
    expect(refuseRouterAddress("::ffff:10.20.3.4", fenced)).not.toBeNull();
    expect(refuseRouterAddress("fd12:3456:1::9", fenced)).not.toBeNull();
    expect(refuseRouterAddress("10.21.0.1", fenced)).toBeNull();
    expect(() => routerAddressPolicy({ ROUTER_API_DENY_NETWORKS: "10.20.0.0/33" })).toThrow(/ROUTER_API_DENY_NETWORKS/);
    expect(() => routerAddressPolicy({ ROUTER_API_DENY_NETWORKS: "intranet" })).toThrow(/ROUTER_API_DENY_NETWORKS/);
  });

  it("at save time: legacy IPv4 spellings, localhost and metadata names are refused; other names wait for the connect-time check", () => {
    for (const host of ["2130706433", "0x7f.1", "0x7f000001", "127.1", "0177.0.0.1", "017700000001", "1.2.3.4.5", "999.1.1.1", "10.0.0.1."]) {
      expect(refuseRouterHost(host, demo), host).toBe("Write an IPv4 address as four numbers from 0 to 255, like 192.0.2.1.");
    }
    expect(refuseRouterHost("localhost", strict)).toBe("localhost is this server itself, not a router");
    expect(refuseRouterHost("LOCALHOST.", strict)).not.toBeNull();
    expect(refuseRouterHost("api.localhost", strict)).not.toBeNull();
    expect(refuseRouterHost("localhost", demo)).toBeNull();
    expect(refuseRouterHost("metadata.google.internal", demo)).toBe("metadata.google.internal is the cloud metadata service, not a router");
    expect(refuseRouterHost("[::1]", strict)).not.toBeNull();
    expect(refuseRouterHost("127.0.0.1", strict)).not.toBeNull();
    expect(refuseRouterHost("router1.isp.example", strict)).toBeNull();
    expect(refuseRouterHost("10.0.0.1", strict)).toBeNull();
    expect(refuseRouterHost("2001:db8::1", strict)).toBeNull();
  });
});
