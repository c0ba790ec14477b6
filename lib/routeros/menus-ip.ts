// Queues, firewall, ARP, DHCP leases, pools and the RADIUS client: field maps and row types.
import { duration, flag, int, text, updown, type InputOf, type RowOf } from "./fields";
import { defineMenu } from "./menu";

const ro = { readOnly: true } as const;

export const SIMPLE_QUEUE = defineMenu("/queue/simple", {
  name: text("name", { required: true }),
  /** Addresses or interfaces, comma-separated; a bare IPv4 reads back with "/32". */
  target: text("target", { required: true }),
  dst: text("dst"),
  parent: text("parent"),
  packetMarks: text("packet-marks"),
  /** upload/download as seen from the target, e.g. "5M/10M" (reads back in bits: "5000000/10000000"). */
  maxLimit: text("max-limit"),
  limitAt: text("limit-at"),
  burstLimit: text("burst-limit"),
  burstThreshold: text("burst-threshold"),
  burstTime: text("burst-time"),
  priority: text("priority"),
  queue: text("queue"),
  time: text("time"),
  comment: text("comment"),
  disabled: flag("disabled"),
  placeBefore: text("place-before", { writeOnly: true }),
  rate: updown("rate", ro),
  packetRate: updown("packet-rate", ro),
  bytes: updown("bytes", ro),
  packets: updown("packets", ro),
  dropped: updown("dropped", ro),
  dynamic: flag("dynamic", ro),
  invalid: flag("invalid", ro),
});
export type SimpleQueue = RowOf<typeof SIMPLE_QUEUE.fields>;
export type SimpleQueueInput = InputOf<typeof SIMPLE_QUEUE.fields>;

export const ADDRESS_LIST = defineMenu("/ip/firewall/address-list", {
  list: text("list", { required: true }),
  address: text("address", { required: true }),
  /** Dynamic entries expire after this many seconds. */
  timeout: duration("timeout"),
  comment: text("comment"),
  disabled: flag("disabled"),
  creationTime: text("creation-time", ro),
  dynamic: flag("dynamic", ro),
});
export type AddressListEntry = RowOf<typeof ADDRESS_LIST.fields>;
export type AddressListEntryInput = InputOf<typeof ADDRESS_LIST.fields>;

const ruleFields = {
  chain: text("chain", { required: true }),
  action: text("action"),
  srcAddress: text("src-address"),
  dstAddress: text("dst-address"),
  srcAddressList: text("src-address-list"),
  dstAddressList: text("dst-address-list"),
  protocol: text("protocol"),
  srcPort: text("src-port"),
  dstPort: text("dst-port"),
  inInterface: text("in-interface"),
  outInterface: text("out-interface"),
  inInterfaceList: text("in-interface-list"),
  outInterfaceList: text("out-interface-list"),
  connectionState: text("connection-state"),
  hotspot: text("hotspot"),
  jumpTarget: text("jump-target"),
  addressList: text("address-list"),
  addressListTimeout: text("address-list-timeout"),
  log: flag("log"),
  logPrefix: text("log-prefix"),
  comment: text("comment"),
  disabled: flag("disabled"),
  placeBefore: text("place-before", { writeOnly: true }),
  bytes: int("bytes", ro),
  packets: int("packets", ro),
  dynamic: flag("dynamic", ro),
  invalid: flag("invalid", ro),
};

export const FIREWALL_FILTER = defineMenu("/ip/firewall/filter", {
  ...ruleFields,
  rejectWith: text("reject-with"),
});
export type FirewallFilterRule = RowOf<typeof FIREWALL_FILTER.fields>;
export type FirewallFilterRuleInput = InputOf<typeof FIREWALL_FILTER.fields>;

export const FIREWALL_NAT = defineMenu("/ip/firewall/nat", {
  ...ruleFields,
  toAddresses: text("to-addresses"),
  toPorts: text("to-ports"),
});
export type FirewallNatRule = RowOf<typeof FIREWALL_NAT.fields>;
export type FirewallNatRuleInput = InputOf<typeof FIREWALL_NAT.fields>;

export const ARP = defineMenu("/ip/arp", {
  address: text("address", { required: true }),
  macAddress: text("mac-address"),
  interface: text("interface", { required: true }),
  published: flag("published"),
  comment: text("comment"),
  disabled: flag("disabled"),
  status: text("status", ro),
  complete: flag("complete", ro),
  dhcp: flag("DHCP", ro),
  dynamic: flag("dynamic", ro),
  invalid: flag("invalid", ro),
});
export type ArpEntry = RowOf<typeof ARP.fields>;
export type ArpEntryInput = InputOf<typeof ARP.fields>;

export const DHCP_LEASE = defineMenu("/ip/dhcp-server/lease", {
  address: text("address"),
  macAddress: text("mac-address", { required: true }),
  clientId: text("client-id"),
  server: text("server"),
  addressLists: text("address-lists"),
  leaseTime: duration("lease-time"),
  rateLimit: text("rate-limit"),
  blockAccess: flag("block-access"),
  alwaysBroadcast: flag("always-broadcast"),
  comment: text("comment"),
  disabled: flag("disabled"),
  activeAddress: text("active-address", ro),
  hostName: text("host-name", ro),
  status: text("status", ro),
  expiresAfter: duration("expires-after", ro),
  /** A duration, or "never". */
  lastSeen: text("last-seen", ro),
  radius: flag("radius", ro),
  dynamic: flag("dynamic", ro),
  blocked: flag("blocked", ro),
});
export type DhcpLease = RowOf<typeof DHCP_LEASE.fields>;
export type DhcpLeaseInput = InputOf<typeof DHCP_LEASE.fields>;

export const IP_POOL = defineMenu("/ip/pool", {
  name: text("name", { required: true }),
  /** e.g. "10.10.0.2-10.10.255.254" */
  ranges: text("ranges", { required: true }),
  nextPool: text("next-pool"),
  comment: text("comment"),
});
export type IpPool = RowOf<typeof IP_POOL.fields>;
export type IpPoolInput = InputOf<typeof IP_POOL.fields>;

export const RADIUS = defineMenu("/radius", {
  /** e.g. "ppp,hotspot" */
  service: text("service", { required: true }),
  address: text("address", { required: true }),
  secret: text("secret"),
  authenticationPort: int("authentication-port"),
  accountingPort: int("accounting-port"),
  timeout: duration("timeout"),
  srcAddress: text("src-address"),
  protocol: text("protocol"),
  calledId: text("called-id"),
  domain: text("domain"),
  realm: text("realm"),
  accountingBackup: flag("accounting-backup"),
  requireMessageAuth: text("require-message-auth"),
  comment: text("comment"),
  disabled: flag("disabled"),
});
export type RadiusServer = RowOf<typeof RADIUS.fields>;
export type RadiusServerInput = InputOf<typeof RADIUS.fields>;

export const RADIUS_INCOMING = defineMenu("/radius/incoming", {
  accept: flag("accept"),
  port: int("port"),
});
export type RadiusIncoming = Omit<RowOf<typeof RADIUS_INCOMING.fields>, "id">;
