// What an API-mode router should hold, computed from the database: a PPP secret or hotspot user
// per PPPoE/hotspot customer with a profile per package; for static customers a simple queue, an
// entry in the "allowed" address-list (disabled when the customer may not browse; ARP stays so
// the portal stays reachable), an ARP entry and a static DHCP lease when the MAC is known.
import { isIPv4 } from "node:net";
import { open } from "@/lib/crypto/secret-box";
import { withTenant, type Tx } from "@/lib/db";
import { radiusSettingsOf, type RadiusSettings } from "@/lib/radius/tenant-radius-settings";
import { isWritableAscii, ownerTag, toAscii } from "@/lib/routeros";
import { customerService, inService, type Service, type SuspendMode } from "@/lib/customers/service-state";
import type { MenuName } from "./managed-menus";
import type { DesiredCustomer, DesiredItem, DesiredState, ItemOwner } from "./provisioning.types";

export interface ProvisioningSettings {
  allowedAddressList: string;
  arpInterface: string | null;
  dhcpServer: string | null;
  hotspotServer: string;
}

export const DEFAULT_PROVISIONING_SETTINGS: ProvisioningSettings = { allowedAddressList: "allowed", arpInterface: null, dhcpServer: "all", hotspotServer: "all" };

/** The profile lapsed customers get when the ISP lets them in to the payment portal (CAPTIVE). */
export const CAPTIVE_PROFILE = "isp-suspended";
export const CAPTIVE_OWNER_ID = "captive";

/** Appended to a package's profile name for its fair-use profile. */
export const FUP_SUFFIX = "-fup";
/** The owner id of a package's fair-use profile (customers past its THROTTLE data cap). */
export const fupOwnerId = (packageId: string) => `${packageId}:fup`;
/** The package a fair-use owner id names, or null. */
export const packageOfFupOwner = (ownerId: string) => (ownerId.endsWith(":fup") ? ownerId.slice(0, -4) : null);

export interface PackageRow {
  id: string;
  name: string;
  status: string;
  rateDownBps: bigint;
  rateUpBps: bigint;
  burstDownBps: bigint | null;
  burstUpBps: bigint | null;
  burstThresholdDownBps: bigint | null;
  burstThresholdUpBps: bigint | null;
  burstTimeSeconds: number | null;
  sharedUsers: number;
  ipPool: string | null;
  dataCapAction: string | null;
  fupDownBps: bigint | null;
  fupUpBps: bigint | null;
}

export interface CustomerRow {
  id: string;
  username: string;
  status: string;
  connectionType: string;
  packageId: string | null;
  expiresAt: Date | null;
  networkPasswordEnc: string | null;
  staticIp: string | null;
  macAddress: string | null;
  macLock: boolean;
  lockedAt: Date | null;
  dataCapReachedAt: Date | null;
}

export interface DesiredInput {
  tenantId: string;
  routerId: string;
  active: boolean;
  settings: ProvisioningSettings;
  lapsed: Pick<RadiusSettings, "suspendMode" | "captiveRate" | "captiveAddressList">;
  packages: ReadonlyMap<string, PackageRow>;
  customers: readonly CustomerRow[];
  now: Date;
  /** The PPPoE/hotspot password in clear (the sealed column opened); injectable for tests. */
  password?: (sealed: string) => string;
}

export function itemKey(menu: MenuName, owner: ItemOwner): string {
  return `${menu}|${owner.kind}=${owner.id}`;
}

/** The owner a key names ("queue|cust=<id>" -> { kind: "cust", id }). */
export function ownerOfKey(key: string): ItemOwner | null {
  const m = /^[A-Za-z]+\|(cust|pkg)=(.+)$/.exec(key);
  return m ? { kind: m[1] as ItemOwner["kind"], id: m[2]! } : null;
}

/** The tag our items carry in their comment. */
export function ownerComment(owner: ItemOwner): string {
  return ownerTag(owner.kind, owner.id);
}

/** "Home 10M" (id 3f2a1b9c-...) -> "Home-10M-3f2a1b9c": ASCII, stable while the package keeps its name. */
export function packageProfileName(pkg: Pick<PackageRow, "id" | "name">): string {
  const slug = toAscii(pkg.name)
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 24);
  return `${slug || "package"}-${pkg.id.slice(0, 8)}`;
}

function rates(up: bigint | null, down: bigint | null): string {
  return up && down ? `${up}/${down}` : "0/0";
}

/** 10000000 -> "10M", 1500000 -> "1500k": whole numbers only (no "1.5M" on a router). */
function routerRate(bps: bigint): string {
  if (bps % 1_000_000n === 0n) return `${bps / 1_000_000n}M`;
  if (bps % 1_000n === 0n) return `${bps / 1_000n}k`;
  return String(bps);
}

/** A profile's rate-limit, seen from the router (rx = the customer's upload), burst when complete. */
export function profileRateLimit(p: PackageRow): string {
  const base = `${routerRate(p.rateUpBps)}/${routerRate(p.rateDownBps)}`;
  if (!p.burstUpBps || !p.burstDownBps || !p.burstThresholdUpBps || !p.burstThresholdDownBps || !p.burstTimeSeconds) return base;
  const t = p.burstTimeSeconds;
  return `${base} ${routerRate(p.burstUpBps)}/${routerRate(p.burstDownBps)} ${routerRate(p.burstThresholdUpBps)}/${routerRate(p.burstThresholdDownBps)} ${t}/${t}`;
}

/** Whether and how the customer may use the network: the one rule (lib/customers/service-state.ts). */
export function serviceOf(c: CustomerRow, pkg: PackageRow | undefined, suspendMode: SuspendMode, now: Date): Service {
  return customerService(c, pkg ?? null, suspendMode, now).service;
}

/** A package's fair-use speed as a router rate-limit (its full speed when the fair-use rates are unset). */
export function fupRateLimit(p: PackageRow): string {
  if (!p.fupUpBps || !p.fupDownBps) return profileRateLimit(p);
  return `${routerRate(p.fupUpBps)}/${routerRate(p.fupDownBps)}`;
}

/** The router's desired items for these customers (pure: no database, no router). */
export function buildDesiredState(input: DesiredInput): DesiredState {
  const state: DesiredState = { routerId: input.routerId, tenantId: input.tenantId, active: input.active, items: [], customers: [] };
  if (!input.active) return state;
  const reveal = input.password ?? open;
  const { settings, lapsed } = input;
  const pppProfiles = new Set<string>();
  const hotspotProfiles = new Set<string>();
  const add = (menu: MenuName, owner: ItemOwner, customerId: string | null, label: string, fields: Record<string, string>) =>
    state.items.push({ key: itemKey(menu, owner), menu, owner, customerId, label, fields });

  for (const c of input.customers) {
    const customer: DesiredCustomer = { id: c.id, username: c.username, problems: [] };
    state.customers.push(customer);
    const owner: ItemOwner = { kind: "cust", id: c.id };
    const pkg = c.packageId ? input.packages.get(c.packageId) : undefined;
    const service = serviceOf(c, pkg, lapsed.suspendMode, input.now);
    const ipv4 = c.staticIp && isIPv4(c.staticIp) ? c.staticIp : null;
    const lockedMac = c.macLock && c.macAddress ? c.macAddress : "";

    if (c.connectionType === "PPPOE" || c.connectionType === "HOTSPOT") {
      const password = c.networkPasswordEnc ? reveal(c.networkPasswordEnc) : null;
      if (password === null) {
        customer.problems.push("The customer has no PPPoE/hotspot password.");
        continue;
      }
      if (!isWritableAscii(password)) {
        customer.problems.push("The password has characters a router cannot store (ASCII only).");
        continue;
      }
      const captive = service === "captive";
      const fup = service === "fup" && pkg !== undefined;
      const profile = captive ? CAPTIVE_PROFILE : pkg ? packageProfileName(pkg) + (fup ? FUP_SUFFIX : "") : "default";
      const profileOwner = captive ? CAPTIVE_OWNER_ID : pkg ? (fup ? fupOwnerId(pkg.id) : pkg.id) : undefined;
      const disabled = service === "off" ? "yes" : "no";
      if (c.connectionType === "PPPOE") {
        // The package's profile stays while its customer is lapsed: no churn on suspend/resume.
        if (pkg) pppProfiles.add(pkg.id);
        if (profileOwner) pppProfiles.add(profileOwner);
        add("pppSecret", owner, c.id, c.username, {
          name: c.username,
          password,
          service: "pppoe",
          profile,
          "remote-address": ipv4 ?? "",
          "caller-id": lockedMac,
          disabled,
        });
      } else {
        if (pkg) hotspotProfiles.add(pkg.id);
        if (profileOwner) hotspotProfiles.add(profileOwner);
        add("hotspotUser", owner, c.id, c.username, {
          name: c.username,
          password,
          profile,
          server: settings.hotspotServer,
          "mac-address": lockedMac,
          disabled,
        });
      }
      continue;
    }

    // STATIC
    if (!ipv4) {
      customer.problems.push("A static customer needs an IPv4 address to be provisioned on the router.");
      continue;
    }
    if (pkg) {
      // Past a THROTTLE data cap the queue runs at the fair-use speed, without burst.
      const fup = service === "fup" && pkg.fupUpBps !== null && pkg.fupDownBps !== null;
      add("queue", owner, c.id, c.username, {
        name: c.username,
        target: `${ipv4}/32`,
        "max-limit": fup ? rates(pkg.fupUpBps, pkg.fupDownBps) : rates(pkg.rateUpBps, pkg.rateDownBps),
        "burst-limit": fup ? "0/0" : rates(pkg.burstUpBps, pkg.burstDownBps),
        "burst-threshold": fup ? "0/0" : rates(pkg.burstThresholdUpBps, pkg.burstThresholdDownBps),
        "burst-time": !fup && pkg.burstTimeSeconds && pkg.burstUpBps && pkg.burstDownBps ? `${pkg.burstTimeSeconds}s/${pkg.burstTimeSeconds}s` : "0s/0s",
        disabled: "no",
      });
    }
    add("addressList", owner, c.id, ipv4, { list: settings.allowedAddressList, address: ipv4, disabled: inService({ service, reason: null }) ? "no" : "yes" });
    if (c.macAddress && settings.arpInterface) {
      add("arp", owner, c.id, ipv4, { address: ipv4, "mac-address": c.macAddress, interface: settings.arpInterface, disabled: "no" });
    }
    if (c.macAddress && settings.dhcpServer) {
      add("dhcpLease", owner, c.id, ipv4, { address: ipv4, "mac-address": c.macAddress, server: settings.dhcpServer, disabled: "no" });
    }
  }

  // Profiles first in the list (the order a router needs them), only those something uses.
  const profiles: DesiredItem[] = [];
  const profile = (menu: MenuName, ownerId: string, fields: Record<string, string>) =>
    profiles.push({ key: itemKey(menu, { kind: "pkg", id: ownerId }), menu, owner: { kind: "pkg", id: ownerId }, customerId: null, label: fields.name!, fields });
  for (const id of pppProfiles) {
    if (id === CAPTIVE_OWNER_ID) {
      profile("pppProfile", id, { name: CAPTIVE_PROFILE, "rate-limit": lapsed.captiveRate, "only-one": "yes", "remote-address": "", "address-list": lapsed.captiveAddressList });
      continue;
    }
    const fupOf = packageOfFupOwner(id);
    const pkg = input.packages.get(fupOf ?? id)!;
    profile("pppProfile", id, { name: packageProfileName(pkg) + (fupOf ? FUP_SUFFIX : ""), "rate-limit": fupOf ? fupRateLimit(pkg) : profileRateLimit(pkg), "only-one": pkg.sharedUsers <= 1 ? "yes" : "no", "remote-address": pkg.ipPool ?? "", "address-list": "" });
  }
  for (const id of hotspotProfiles) {
    if (id === CAPTIVE_OWNER_ID) {
      profile("hotspotProfile", id, { name: CAPTIVE_PROFILE, "rate-limit": lapsed.captiveRate, "shared-users": "1", "address-list": lapsed.captiveAddressList });
      continue;
    }
    const fupOf = packageOfFupOwner(id);
    const pkg = input.packages.get(fupOf ?? id)!;
    profile("hotspotProfile", id, { name: packageProfileName(pkg) + (fupOf ? FUP_SUFFIX : ""), "rate-limit": fupOf ? fupRateLimit(pkg) : profileRateLimit(pkg), "shared-users": String(pkg.sharedUsers), "address-list": "" });
  }
  state.items = [...profiles, ...state.items];
  return state;
}

const CUSTOMER_SELECT = {
  id: true,
  username: true,
  status: true,
  connectionType: true,
  packageId: true,
  expiresAt: true,
  networkPasswordEnc: true,
  staticIp: true,
  macAddress: true,
  macLock: true,
  lockedAt: true,
  dataCapReachedAt: true,
} as const;

/** The router's desired state from the database, in the caller's transaction; null if no such router. */
export async function loadDesiredState(tx: Tx, tenantId: string, routerId: string, now = new Date()): Promise<(DesiredState & { settings: ProvisioningSettings }) | null> {
  const [router, tenant] = await Promise.all([
    tx.router.findFirst({ where: { id: routerId, tenantId }, select: { mode: true, provisioning: true } }),
    tx.tenant.findUnique({ where: { id: tenantId }, select: { settings: true } }),
  ]);
  if (!router) return null;
  const settings: ProvisioningSettings = router.provisioning
    ? { allowedAddressList: router.provisioning.allowedAddressList, arpInterface: router.provisioning.arpInterface, dhcpServer: router.provisioning.dhcpServer, hotspotServer: router.provisioning.hotspotServer }
    : DEFAULT_PROVISIONING_SETTINGS;
  const active = router.mode === "API";
  const [customers, packages] = active
    ? await Promise.all([
        tx.customer.findMany({ where: { tenantId, routerId }, select: CUSTOMER_SELECT, orderBy: { id: "asc" } }),
        tx.package.findMany({ where: { tenantId } }),
      ])
    : [[], []];
  const state = buildDesiredState({
    tenantId,
    routerId,
    active,
    settings,
    lapsed: radiusSettingsOf(tenant?.settings),
    packages: new Map(packages.map((p) => [p.id, p])),
    customers,
    now,
  });
  return { ...state, settings };
}

/** desiredState(tenantId, routerId): what the router should hold now. */
export function desiredState(tenantId: string, routerId: string, now = new Date()) {
  return withTenant(tenantId, (tx) => loadDesiredState(tx, tenantId, routerId, now));
}
