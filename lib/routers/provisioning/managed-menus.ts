// The router menus API mode writes, the fields we manage in each, and how RouterOS spells a value
// back (rates in bits, "true" for "yes", "/32" added or dropped) so a diff compares like with like.
import { createHmac } from "node:crypto";
import { parseRouterOsDuration } from "@/lib/routeros";
import { derivedKey } from "@/lib/crypto/secret-box";

export type MenuName = "pppProfile" | "hotspotProfile" | "pppSecret" | "hotspotUser" | "queue" | "addressList" | "arp" | "dhcpLease";

/**
 * text: as written. flag: yes/no. rates: "up/down" in bits. rateLimit: a rate-limit string
 * (rates, then burst time, priority, minimum). timePair: "a/b" in seconds. address: IPs with a
 * host "/32" dropped. mac: upper case. secret: compared as a keyed hash, never stored in clear.
 */
export type FieldKind = "text" | "flag" | "rates" | "rateLimit" | "timePair" | "address" | "mac" | "secret";

/** Customer columns a router field mirrors: accepting the router's value changes the customer. */
export type CustomerColumn = "staticIp" | "macAddress" | "callerId";

export interface ManagedMenu {
  name: MenuName;
  path: string;
  /** What an operator calls it. */
  title: string;
  /** Owned by a package (profiles) rather than a customer. */
  profile: boolean;
  /**
   * Whether items carry our tag in their comment. Hotspot user profiles have no comment: ours are
   * the ones we created (we keep their names) or whose name we would give them.
   */
  tagged: boolean;
  /** The field a person recognizes an item by. */
  labelField: string;
  fields: Readonly<Record<string, FieldKind>>;
  customerColumns?: Readonly<Record<string, CustomerColumn>>;
}

export const MANAGED_MENUS: Readonly<Record<MenuName, ManagedMenu>> = {
  pppProfile: {
    name: "pppProfile",
    tagged: true,
    path: "/ppp/profile",
    title: "PPP profile",
    profile: true,
    labelField: "name",
    fields: { name: "text", "rate-limit": "rateLimit", "only-one": "text", "remote-address": "text", "address-list": "text" },
  },
  hotspotProfile: {
    name: "hotspotProfile",
    tagged: false,
    path: "/ip/hotspot/user/profile",
    title: "Hotspot user profile",
    profile: true,
    labelField: "name",
    fields: { name: "text", "rate-limit": "rateLimit", "shared-users": "text", "address-list": "text" },
  },
  pppSecret: {
    name: "pppSecret",
    tagged: true,
    path: "/ppp/secret",
    title: "PPP secret",
    profile: false,
    labelField: "name",
    fields: { name: "text", password: "secret", service: "text", profile: "text", "remote-address": "address", "caller-id": "mac", disabled: "flag" },
    customerColumns: { "remote-address": "staticIp", "caller-id": "callerId" },
  },
  hotspotUser: {
    name: "hotspotUser",
    tagged: true,
    path: "/ip/hotspot/user",
    title: "Hotspot user",
    profile: false,
    labelField: "name",
    fields: { name: "text", password: "secret", profile: "text", server: "text", "mac-address": "mac", disabled: "flag" },
    customerColumns: { "mac-address": "callerId" },
  },
  queue: {
    name: "queue",
    tagged: true,
    path: "/queue/simple",
    title: "Simple queue",
    profile: false,
    labelField: "name",
    fields: { name: "text", target: "address", "max-limit": "rates", "burst-limit": "rates", "burst-threshold": "rates", "burst-time": "timePair", disabled: "flag" },
    customerColumns: { target: "staticIp" },
  },
  addressList: {
    name: "addressList",
    tagged: true,
    path: "/ip/firewall/address-list",
    title: "Address-list entry",
    profile: false,
    labelField: "address",
    fields: { list: "text", address: "address", disabled: "flag" },
    customerColumns: { address: "staticIp" },
  },
  arp: {
    name: "arp",
    tagged: true,
    path: "/ip/arp",
    title: "ARP entry",
    profile: false,
    labelField: "address",
    fields: { address: "address", "mac-address": "mac", interface: "text", disabled: "flag" },
    customerColumns: { address: "staticIp", "mac-address": "macAddress" },
  },
  dhcpLease: {
    name: "dhcpLease",
    tagged: true,
    path: "/ip/dhcp-server/lease",
    title: "DHCP lease",
    profile: false,
    labelField: "address",
    fields: { address: "address", "mac-address": "mac", server: "text", disabled: "flag" },
    customerColumns: { address: "staticIp", "mac-address": "macAddress" },
  },
};

/** Every menu, in the order a run applies adds and changes: profiles before what uses them. */
export const MENU_ORDER: readonly MenuName[] = ["pppProfile", "hotspotProfile", "pppSecret", "hotspotUser", "queue", "addressList", "arp", "dhcpLease"];

export function isMenuName(value: string): value is MenuName {
  return Object.hasOwn(MANAGED_MENUS, value);
}

// --- values as RouterOS prints them -----------------------------------------------------------

const RATE = /^(\d+(?:\.\d+)?)([kKmMgG]?)$/;
const RATE_UNIT: Record<string, number> = { "": 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6, g: 1e9, G: 1e9 };
const IPV4_HOST = /^(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})\/32$/;

function rate(side: string): string {
  const m = RATE.exec(side.trim());
  return m ? String(Math.round(Number(m[1]) * RATE_UNIT[m[2]!]!)) : side.trim();
}

function seconds(side: string): string {
  try {
    return String(parseRouterOsDuration(side));
  } catch {
    return side.trim();
  }
}

function pair(value: string, side: (s: string) => string): string {
  const parts = value.split("/");
  if (parts.length > 2) return value;
  return `${side(parts[0]!)}/${side(parts[1] ?? parts[0]!)}`;
}

/** One spelling per value, so "10M/2M" equals "10000000/2000000" and "yes" equals "true". */
export function normalizeValue(kind: FieldKind, raw: string | undefined): string {
  const value = (raw ?? "").trim();
  switch (kind) {
    case "text":
    case "secret":
      return value;
    case "flag":
      return value === "yes" || value === "true" ? "yes" : "no";
    case "rates":
      return value === "" ? "0/0" : pair(value, rate);
    case "timePair":
      return value === "" ? "0/0" : pair(value, seconds);
    case "rateLimit":
      // rx/tx [burst-rx/tx [threshold-rx/tx [burst-time-rx/tx [priority [min-rx/tx]]]]]
      return value
        .split(/\s+/)
        .filter(Boolean)
        .map((token, i) => (i === 3 ? pair(token, seconds) : i === 4 ? token : pair(token, rate)))
        .join(" ");
    case "address":
      return value
        .split(",")
        .map((a) => a.trim().toLowerCase())
        .filter(Boolean)
        .map((a) => IPV4_HOST.exec(a)?.[1] ?? a)
        .join(",");
    case "mac":
      return value.toUpperCase();
  }
}

/**
 * What we store and compare for a field: its normalized value, or for secrets a keyed hash (a
 * password we wrote is never kept in clear outside its sealed column).
 */
export function fingerprint(kind: FieldKind, normalized: string): string {
  if (kind !== "secret" || normalized === "") return normalized;
  return `hmac:${createHmac("sha256", derivedKey("router-sync/secret-fingerprint")).update(normalized).digest("base64url").slice(0, 22)}`;
}

/** How a value is shown in the drift list (secrets never are). */
export function displayValue(kind: FieldKind, normalized: string): string {
  if (kind === "secret") return normalized === "" ? "(none)" : "(hidden)";
  return normalized === "" ? "(none)" : normalized;
}
