// A list of networks from a setting (TRUSTED_PROXIES, ROUTER_API_DENY_NETWORKS): comma- or
// space-separated IPs and CIDRs, IPv4 and IPv6. A malformed entry throws, naming the setting: a
// typo must stop the server, not silently trust or allow what the deployment meant otherwise.
import { BlockList, isIP } from "node:net";

export function parseNetworkList(setting: string, value: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!family || !(bits >= 0 && bits <= (family === 6 ? 128 : 32))) throw new Error(`${setting}: "${entry}" is not an IP address or CIDR like 10.20.0.0/16 or fd12::/48`);
    list.addSubnet(address, bits, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

/** Whether an IP address (no zone) is in the list. */
export function inNetworkList(list: BlockList, ip: string): boolean {
  return list.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
}
