// PPP and PPPoE menus: field maps and the row types they give.
import { duration, flag, int, text, type InputOf, type RowOf } from "./fields";
import { defineMenu } from "./menu";

const ro = { readOnly: true } as const;

export const PPP_SECRET = defineMenu("/ppp/secret", {
  name: text("name", { required: true }),
  password: text("password"),
  service: text("service"),
  profile: text("profile"),
  callerId: text("caller-id"),
  localAddress: text("local-address"),
  remoteAddress: text("remote-address"),
  routes: text("routes"),
  limitBytesIn: int("limit-bytes-in"),
  limitBytesOut: int("limit-bytes-out"),
  comment: text("comment"),
  disabled: flag("disabled"),
  lastLoggedOut: text("last-logged-out", ro),
  lastCallerId: text("last-caller-id", ro),
  lastDisconnectReason: text("last-disconnect-reason", ro),
});
export type PppSecret = RowOf<typeof PPP_SECRET.fields>;
export type PppSecretInput = InputOf<typeof PPP_SECRET.fields>;

export const PPP_PROFILE = defineMenu("/ppp/profile", {
  name: text("name", { required: true }),
  localAddress: text("local-address"),
  remoteAddress: text("remote-address"),
  /** rx/tx [burst-rx/tx [threshold [time [priority [min]]]]], rx = the customer's upload. */
  rateLimit: text("rate-limit"),
  addressList: text("address-list"),
  /** "default", "yes" or "no". */
  onlyOne: text("only-one"),
  dnsServer: text("dns-server"),
  sessionTimeout: duration("session-timeout"),
  idleTimeout: duration("idle-timeout"),
  parentQueue: text("parent-queue"),
  queueType: text("queue-type"),
  changeTcpMss: text("change-tcp-mss"),
  useEncryption: text("use-encryption"),
  onUp: text("on-up"),
  onDown: text("on-down"),
  comment: text("comment"),
  isDefault: flag("default", ro),
});
export type PppProfile = RowOf<typeof PPP_PROFILE.fields>;
export type PppProfileInput = InputOf<typeof PPP_PROFILE.fields>;

export const PPP_ACTIVE = defineMenu("/ppp/active", {
  name: text("name", { required: true, readOnly: true }),
  service: text("service", ro),
  callerId: text("caller-id", ro),
  address: text("address", ro),
  encoding: text("encoding", ro),
  sessionId: text("session-id", ro),
  uptime: duration("uptime", ro),
  limitBytesIn: int("limit-bytes-in", ro),
  limitBytesOut: int("limit-bytes-out", ro),
  radius: flag("radius", ro),
  comment: text("comment"),
});
export type PppActive = RowOf<typeof PPP_ACTIVE.fields>;

export const PPP_AAA = defineMenu("/ppp/aaa", {
  useRadius: flag("use-radius"),
  accounting: flag("accounting"),
  interimUpdate: duration("interim-update"),
  useCircuitIdInNasPortId: flag("use-circuit-id-in-nas-port-id"),
});
export type PppAaa = Omit<RowOf<typeof PPP_AAA.fields>, "id">;

export const PPPOE_SERVER = defineMenu("/interface/pppoe-server/server", {
  serviceName: text("service-name", { required: true }),
  interface: text("interface", { required: true }),
  defaultProfile: text("default-profile"),
  /** e.g. "pap,chap,mschap1,mschap2" */
  authentication: text("authentication"),
  oneSessionPerHost: flag("one-session-per-host"),
  maxMtu: text("max-mtu"),
  maxMru: text("max-mru"),
  mrru: text("mrru"),
  /** Seconds, or "disabled". */
  keepaliveTimeout: text("keepalive-timeout"),
  maxSessions: text("max-sessions"),
  padoDelay: text("pado-delay"),
  comment: text("comment"),
  disabled: flag("disabled"),
  invalid: flag("invalid", ro),
});
export type PppoeServer = RowOf<typeof PPPOE_SERVER.fields>;
export type PppoeServerInput = InputOf<typeof PPPOE_SERVER.fields>;
