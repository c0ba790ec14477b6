// Which addresses a router's API may point at. The server connects wherever an operator says, so
// without this an ISP admin could aim it at the server itself (loopback: the database, the job
// worker's ports), at the cloud's metadata service (credentials), or at link-local neighbours,
// and read the answers of "Test connection" as a port scanner. One policy, used twice:
//  - when the API access is saved (router-api.schema.ts): the typed host, a field error in words;
//  - when connecting (router-access.ts gives it to the adapter's pool): every address the host
//    resolves to, then the socket goes to that checked address (no DNS rebinding gap).
// Private ranges (10/8, 172.16/12, 192.168/16, 100.64/10 CGNAT, fc00::/7) stay allowed: ISPs reach
// their routers over VPNs and management networks. The deployment can refuse its own networks
// with ROUTER_API_DENY_NETWORKS, and allow this machine (loopback, link-local; the demo's
// simulators) with ROUTER_API_ALLOW_LOCAL=1. Cloud metadata addresses are refused regardless.
import { isIP, isIPv4, type BlockList } from "node:net";
import { inNetworkList, parseNetworkList } from "@/lib/net/network-list";

export interface RouterAddressPolicy {
  /** Loopback, unspecified (0.0.0.0, ::) and link-local addresses may be used. */
  allowLocal: boolean;
  /** Further networks no router may be in (the deployment's own). */
  deny: BlockList;
}

/** The policy this process runs with, from ROUTER_API_ALLOW_LOCAL and ROUTER_API_DENY_NETWORKS. */
export function routerAddressPolicy(env: Record<string, string | undefined> = process.env): RouterAddressPolicy {
  // A typo here would silently allow what the deployment meant to refuse: parseNetworkList throws.
  const deny = parseNetworkList("ROUTER_API_DENY_NETWORKS", env.ROUTER_API_DENY_NETWORKS);
  return { allowLocal: env.ROUTER_API_ALLOW_LOCAL === "1" || env.ROUTER_API_ALLOW_LOCAL === "true", deny };
}

// Metadata services answer with the host's cloud credentials; no deployment needs a router there:
// instance metadata (AWS, GCP, Azure, Oracle, DigitalOcean: 169.254.169.254; AWS IPv6
// fd00:ec2::254), AWS ECS task metadata 169.254.170.2, AWS's VPC resolver 169.254.169.253 and
// fd00:ec2::253, Alibaba 100.100.100.200 (inside CGNAT space, which stays allowed otherwise),
// Azure's WireServer 168.63.129.16.
const METADATA = ["169.254.169.254", "169.254.170.2", "169.254.169.253", "100.100.100.200", "168.63.129.16", "fd00:ec2::254", "fd00:ec2::253"].map((a) => parseIp(a)!);

type Kind = "loopback" | "unspecified" | "link-local" | "multicast" | "reserved";

// [network, prefix, kind]; the embedded IPv4 of mapped, compatible, NAT64 and 6to4 addresses is
// checked on its own as well.
const V4: [string, number, Kind][] = [
  ["0.0.0.0", 8, "unspecified"], // 0.0.0.0 reaches this machine on Linux
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"], // and 255.255.255.255
];
const V6: [string, number, Kind][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fe80::", 10, "link-local"],
  ["ff00::", 8, "multicast"],
];
const V4_RANGES = V4.map(([a, p, k]) => ({ net: parseIp(a)!, prefix: p, kind: k }));
const V6_RANGES = V6.map(([a, p, k]) => ({ net: parseIp(a)!, prefix: p, kind: k }));

const WORDS: Record<Kind, string> = {
  loopback: "is this server's own loopback address, not a router",
  unspecified: "means this server itself, not a router",
  "link-local": "is a link-local address, which this server does not reach routers on",
  multicast: "is a multicast address, not a router",
  reserved: "is a reserved or broadcast address, not a router",
};

/**
 * Why the router API may not connect to this IP address (words for the operator), or null when it
 * may. Anything that is not an IP address is refused: callers resolve names first.
 */
export function refuseRouterAddress(address: string, policy: RouterAddressPolicy = routerAddressPolicy()): string | null {
  const bytes = parseIp(address);
  if (!bytes) return `${address} is not an IP address`;
  if (METADATA.some((m) => sameBytes(m, bytes))) return `${address} is the cloud metadata service, not a router`;
  const embedded = embeddedIpv4(bytes);
  if (embedded) {
    const inner = refuseRouterAddress(embedded.join("."), policy);
    if (inner) return `${address} stands for ${embedded.join(".")}, which ${inner.slice(inner.indexOf(" ") + 1)}`;
  }
  const ranges = bytes.length === 4 ? V4_RANGES : V6_RANGES;
  const kind = ranges.find((r) => inNetwork(bytes, r.net, r.prefix))?.kind;
  const local = kind === "loopback" || kind === "unspecified" || kind === "link-local";
  if (kind && !(local && policy.allowLocal)) return `${address} ${WORDS[kind]}`;
  if (inNetworkList(policy.deny, address.replace(/%.*$/, ""))) return `${address} is in a network this service keeps for itself, not for routers`;
  return null;
}

/**
 * The save-time check of what an operator typed as the API host: an IP address (only the usual
 * spellings: 2130706433, 0x7f.1 and 127.1 all mean 127.0.0.1 to the resolver) or a host name.
 * Names are checked again, with every address they resolve to, each time we connect.
 */
export function refuseRouterHost(host: string, policy: RouterAddressPolicy = routerAddressPolicy()): string | null {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  if (isIP(bare)) return refuseRouterAddress(bare, policy);
  const labels = bare.toLowerCase().replace(/\.$/, "").split(".");
  // No top-level domain is a number: a numeric last label is an address in a legacy spelling.
  if (/^(0x[0-9a-f]*|[0-9]+)$/.test(labels.at(-1) ?? "")) return "Write an IPv4 address as four numbers from 0 to 255, like 192.0.2.1.";
  if (!policy.allowLocal && (labels.at(-1) === "localhost" || bare.toLowerCase() === "ip6-localhost" || bare.toLowerCase() === "ip6-loopback")) {
    return `${host} is this server itself, not a router`;
  }
  if (labels.join(".") === "metadata.google.internal" || labels.join(".") === "metadata") return `${host} is the cloud metadata service, not a router`;
  return null;
}

// --- addresses as bytes ---------------------------------------------------------------------

/** An IPv4 (4 bytes) or IPv6 (16 bytes) address in its standard spellings; null otherwise. */
function parseIp(text: string): number[] | null {
  const address = text.replace(/%.*$/, ""); // a zone (fe80::1%eth0) does not change the address
  if (isIPv4(address)) return address.split(".").map(Number);
  if (isIP(address) !== 6) return null;
  // A dotted IPv4 tail (::ffff:127.0.0.1) is two more groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const body = v4 ? address.slice(0, v4.index) + `${((+v4[1]! << 8) | +v4[2]!).toString(16)}:${((+v4[3]! << 8) | +v4[4]!).toString(16)}` : address;
  const [head, rest] = body.includes("::") ? body.split("::") : [body, undefined];
  const left = head ? head.split(":") : [];
  const right = rest === undefined ? [] : rest ? rest.split(":") : [];
  const groups = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  if (groups.length !== 8) return null;
  const bytes = groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
  return bytes;
}

function inNetwork(bytes: number[], net: number[], prefix: number): boolean {
  if (bytes.length !== net.length) return false;
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> bit % 8;
    if ((bytes[bit >> 3]! & mask) !== (net[bit >> 3]! & mask)) return false;
  }
  return true;
}

function sameBytes(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The IPv4 address inside an IPv6 one that stands for it: mapped, compatible, NAT64 or 6to4. */
function embeddedIpv4(bytes: number[]): number[] | null {
  if (bytes.length !== 16) return null;
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const mapped = zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff;
  const compatible = zeros(0, 12) && !zeros(12, 15); // not :: or ::1
  const nat64 = bytes[0] === 0 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12);
  if (mapped || compatible || nat64) return bytes.slice(12, 16);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6); // 6to4
  return null;
}
