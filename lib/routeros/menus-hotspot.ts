// Hotspot menus: servers and their profiles, users and user profiles, sessions, hosts, walled garden.
import { duration, flag, int, text, type InputOf, type RowOf } from "./fields";
import { defineMenu } from "./menu";

const ro = { readOnly: true } as const;
const counters = {
  bytesIn: int("bytes-in", ro),
  bytesOut: int("bytes-out", ro),
  packetsIn: int("packets-in", ro),
  packetsOut: int("packets-out", ro),
};

export const HOTSPOT_SERVER = defineMenu("/ip/hotspot", {
  name: text("name", { required: true }),
  interface: text("interface", { required: true }),
  addressPool: text("address-pool"),
  profile: text("profile"),
  /** Durations, or "none". */
  idleTimeout: text("idle-timeout"),
  keepaliveTimeout: text("keepalive-timeout"),
  loginTimeout: text("login-timeout"),
  /** A number, or "unlimited". */
  addressesPerMac: text("addresses-per-mac"),
  comment: text("comment"),
  disabled: flag("disabled"),
  invalid: flag("invalid", ro),
});
export type HotspotServer = RowOf<typeof HOTSPOT_SERVER.fields>;
export type HotspotServerInput = InputOf<typeof HOTSPOT_SERVER.fields>;

export const HOTSPOT_PROFILE = defineMenu("/ip/hotspot/profile", {
  name: text("name", { required: true }),
  hotspotAddress: text("hotspot-address"),
  dnsName: text("dns-name"),
  htmlDirectory: text("html-directory"),
  /** e.g. "cookie,http-chap,mac" */
  loginBy: text("login-by"),
  useRadius: flag("use-radius"),
  radiusAccounting: flag("radius-accounting"),
  /** "received" or a duration. */
  radiusInterimUpdate: text("radius-interim-update"),
  radiusDefaultDomain: text("radius-default-domain"),
  radiusMacFormat: text("radius-mac-format"),
  nasPortType: text("nas-port-type"),
  macAuthMode: text("mac-auth-mode"),
  macAuthPassword: text("mac-auth-password"),
  httpCookieLifetime: duration("http-cookie-lifetime"),
  rateLimit: text("rate-limit"),
  smtpServer: text("smtp-server"),
  trialUptimeLimit: duration("trial-uptime-limit"),
  trialUserProfile: text("trial-user-profile"),
  isDefault: flag("default", ro),
});
export type HotspotProfile = RowOf<typeof HOTSPOT_PROFILE.fields>;
export type HotspotProfileInput = InputOf<typeof HOTSPOT_PROFILE.fields>;

export const HOTSPOT_USER = defineMenu("/ip/hotspot/user", {
  server: text("server"),
  name: text("name", { required: true }),
  password: text("password"),
  profile: text("profile"),
  address: text("address"),
  macAddress: text("mac-address"),
  email: text("email"),
  limitUptime: duration("limit-uptime"),
  limitBytesIn: int("limit-bytes-in"),
  limitBytesOut: int("limit-bytes-out"),
  limitBytesTotal: int("limit-bytes-total"),
  comment: text("comment"),
  disabled: flag("disabled"),
  uptime: duration("uptime", ro),
  ...counters,
  dynamic: flag("dynamic", ro),
});
export type HotspotUser = RowOf<typeof HOTSPOT_USER.fields>;
export type HotspotUserInput = InputOf<typeof HOTSPOT_USER.fields>;

export const HOTSPOT_USER_PROFILE = defineMenu("/ip/hotspot/user/profile", {
  name: text("name", { required: true }),
  rateLimit: text("rate-limit"),
  /** A number, or "unlimited". */
  sharedUsers: text("shared-users"),
  sessionTimeout: duration("session-timeout"),
  /** Durations, or "none". */
  idleTimeout: text("idle-timeout"),
  keepaliveTimeout: text("keepalive-timeout"),
  statusAutorefresh: text("status-autorefresh"),
  addressPool: text("address-pool"),
  addressList: text("address-list"),
  parentQueue: text("parent-queue"),
  queueType: text("queue-type"),
  addMacCookie: flag("add-mac-cookie"),
  macCookieTimeout: duration("mac-cookie-timeout"),
  transparentProxy: flag("transparent-proxy"),
  onLogin: text("on-login"),
  onLogout: text("on-logout"),
  isDefault: flag("default", ro),
});
export type HotspotUserProfile = RowOf<typeof HOTSPOT_USER_PROFILE.fields>;
export type HotspotUserProfileInput = InputOf<typeof HOTSPOT_USER_PROFILE.fields>;

export const HOTSPOT_ACTIVE = defineMenu("/ip/hotspot/active", {
  server: text("server", ro),
  user: text("user", { required: true, readOnly: true }),
  domain: text("domain", ro),
  address: text("address", ro),
  macAddress: text("mac-address", ro),
  loginBy: text("login-by", ro),
  uptime: duration("uptime", ro),
  idleTime: duration("idle-time", ro),
  sessionTimeLeft: duration("session-time-left", ro),
  idleTimeout: duration("idle-timeout", ro),
  keepaliveTimeout: duration("keepalive-timeout", ro),
  limitBytesIn: int("limit-bytes-in", ro),
  limitBytesOut: int("limit-bytes-out", ro),
  limitBytesTotal: int("limit-bytes-total", ro),
  ...counters,
  radius: flag("radius", ro),
  blocked: flag("blocked", ro),
  comment: text("comment"),
});
export type HotspotActive = RowOf<typeof HOTSPOT_ACTIVE.fields>;

export const HOTSPOT_HOST = defineMenu("/ip/hotspot/host", {
  macAddress: text("mac-address", ro),
  address: text("address", ro),
  toAddress: text("to-address", ro),
  server: text("server", ro),
  bridgePort: text("bridge-port", ro),
  idleTime: duration("idle-time", ro),
  hostDeadTime: duration("host-dead-time", ro),
  ...counters,
  foundBy: text("found-by", ro),
  authorized: flag("authorized", ro),
  bypassed: flag("bypassed", ro),
  blocked: flag("blocked", ro),
  dynamic: flag("dynamic", ro),
  comment: text("comment"),
});
export type HotspotHost = RowOf<typeof HOTSPOT_HOST.fields>;

export const WALLED_GARDEN = defineMenu("/ip/hotspot/walled-garden", {
  /** "allow" or "deny". */
  action: text("action"),
  server: text("server"),
  srcAddress: text("src-address"),
  dstAddress: text("dst-address"),
  dstHost: text("dst-host"),
  dstPort: text("dst-port"),
  path: text("path"),
  method: text("method"),
  comment: text("comment"),
  disabled: flag("disabled"),
  placeBefore: text("place-before", { writeOnly: true }),
  hits: int("hits", ro),
  dynamic: flag("dynamic", ro),
});
export type WalledGardenEntry = RowOf<typeof WALLED_GARDEN.fields>;
export type WalledGardenEntryInput = InputOf<typeof WALLED_GARDEN.fields>;

export const WALLED_GARDEN_IP = defineMenu("/ip/hotspot/walled-garden/ip", {
  /** "accept", "drop" or "reject". */
  action: text("action"),
  server: text("server"),
  srcAddress: text("src-address"),
  srcAddressList: text("src-address-list"),
  dstAddress: text("dst-address"),
  dstAddressList: text("dst-address-list"),
  dstHost: text("dst-host"),
  protocol: text("protocol"),
  dstPort: text("dst-port"),
  comment: text("comment"),
  disabled: flag("disabled"),
  placeBefore: text("place-before", { writeOnly: true }),
  invalid: flag("invalid", ro),
  dynamic: flag("dynamic", ro),
});
export type WalledGardenIpEntry = RowOf<typeof WALLED_GARDEN_IP.fields>;
export type WalledGardenIpEntryInput = InputOf<typeof WALLED_GARDEN_IP.fields>;
