// The RouterOS adapter: the only door from the product to MikroTik routers, and the only code
// that imports routeros-client (whose hazards it covers; see the shared docs' routeros.md).
//
//   const pool = createRouterPool({ onInteraction: (i) => saveToRouterLog(i) }); // one per process
//   const api = pool.api({ id: router.id, host, port, username, password, tls: { ca } });
//   const { id } = await api.pppSecrets.upsertBy("name", { name: "0712345678", password, profile, comment: ownerTag("cust", customer.id) });
//   if ((await api.pppActive.disconnect(sessionId)) === "not-found") { /* already gone */ }
//
// Failures are RouterOsError (kind: unreachable | auth | timeout | trap | fatal | closed |
// circuit-open); values we refuse to write are RouterOsValueError.
export { createRouterPool, type RouterPool } from "./pool";
export type { RouterApi } from "./router-api";
export type { RawApi, PrintOptions, RouterStream } from "./raw-api";
export type { TableMenu, SessionMenu, FixedMenu, SettingsMenu, ReadMenu, Match, UpsertResult } from "./menu";
export type { RouterTarget, RouterTls, Interaction, RouterPoolOptions, CircuitBreakerOptions, ItemOutcome, RawRow } from "./types";
export type { AddressCheck, Lookup } from "./resolve-address";
export { RouterOsError, RouterOsValueError, isRouterOsError, isNoSuchItem, type RouterOsErrorKind } from "./errors";
export { parseRouterOsDuration, formatRouterOsDuration } from "./durations";
export { ownerTag, parseOwnerTag, parseOwnerTags, withOwnerTag, type OwnerTag } from "./owner-tag";
export { toAscii, isWritableAscii } from "./ascii";
export type { UpDown } from "./fields";
export type { PppSecret, PppSecretInput, PppProfile, PppProfileInput, PppActive, PppAaa, PppoeServer, PppoeServerInput } from "./menus-ppp";
export type {
  HotspotServer,
  HotspotServerInput,
  HotspotProfile,
  HotspotProfileInput,
  HotspotUser,
  HotspotUserInput,
  HotspotUserProfile,
  HotspotUserProfileInput,
  HotspotActive,
  HotspotHost,
  WalledGardenEntry,
  WalledGardenEntryInput,
  WalledGardenIpEntry,
  WalledGardenIpEntryInput,
} from "./menus-hotspot";
export type {
  SimpleQueue,
  SimpleQueueInput,
  AddressListEntry,
  AddressListEntryInput,
  FirewallFilterRule,
  FirewallFilterRuleInput,
  FirewallNatRule,
  FirewallNatRuleInput,
  ArpEntry,
  ArpEntryInput,
  DhcpLease,
  DhcpLeaseInput,
  IpPool,
  IpPoolInput,
  RadiusServer,
  RadiusServerInput,
  RadiusIncoming,
} from "./menus-ip";
export type { RouterInterface, SystemResource, TrafficSample, RouterHealth } from "./menus-system";
