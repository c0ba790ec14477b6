// What one-click setup wants on a router, step by step. Pure: the router's row, the ISP's RADIUS
// settings and where the app is in; desired items out. The diff decides what is missing.
import { isIP } from "node:net";
import { formatRouterOsDuration } from "@/lib/routeros";
import { SETUP_STEP_TITLES, type FieldValues, type PlannedEntry, type PlannedItem, type PlannedStep, type RouterSetupContext, type RouterSetupPlan } from "./setup.types";

/** Our hotspot server profile (hotspot profiles have no comment: found by name). */
export const SETUP_HOTSPOT_PROFILE = "isp-radius";
/** Address-list holding the portal's address, for the firewall rules. */
export const PORTAL_ADDRESS_LIST = "isp-portal";
/** Service name of a PPPoE server setup adds. */
export const SETUP_PPPOE_SERVICE = "internet";

/** A comma list of our login methods: MAC authentication for returning devices, CHAP and cookies for the portal. */
const HOTSPOT_LOGIN_BY = "cookie,http-chap,mac";
/** Our MAC logins are "AA:BB:CC:DD:EE:FF" with the MAC as password (lib/radius/project-customer.ts). */
const MAC_FORMAT = "XX:XX:XX:XX:XX:XX";
/** RouterOS's 300 ms default is too short for a RADIUS server across the internet. */
const RADIUS_TIMEOUT_SECONDS = 3;

/** Matchers of a filter rule that must be empty on a rule we adopt, unless ours sets them. */
const RULE_MATCHERS = [
  "srcAddress",
  "dstAddress",
  "srcAddressList",
  "dstAddressList",
  "protocol",
  "srcPort",
  "dstPort",
  "inInterface",
  "outInterface",
  "inInterfaceList",
  "outInterfaceList",
  "connectionState",
  "hotspot",
] as const;

function filterRule(tagId: string, label: string, note: string, rule: FieldValues): PlannedItem {
  const key: PlannedItem["key"] = { chain: rule.chain!, action: rule.action! };
  for (const m of RULE_MATCHERS) key[m] = rule[m] ?? "";
  return { kind: "item", menu: "firewallFilter", tagId, label, note, key, fields: { ...rule, disabled: false }, placeFirst: true };
}

/**
 * Forward rules that leave whoever `from` matches only DNS and the portal: accept DNS (UDP, TCP),
 * accept to the portal's address-list, drop the rest. `tag` prefixes the owner-tag ids, `who` ends
 * the labels, `note` starts the comments.
 */
function portalOnlyRules(tag: string, who: string, note: string, from: FieldValues): PlannedItem[] {
  const rule = (action: string, matchers: FieldValues = {}): FieldValues => ({ chain: "forward", action, ...from, ...matchers });
  return [
    filterRule(`${tag}-dns-udp`, `Allow DNS (UDP) from ${who}`, `${note}: DNS`, rule("accept", { protocol: "udp", dstPort: "53" })),
    filterRule(`${tag}-dns-tcp`, `Allow DNS (TCP) from ${who}`, `${note}: DNS`, rule("accept", { protocol: "tcp", dstPort: "53" })),
    filterRule(`${tag}-portal`, `Allow the portal from ${who}`, `${note}: portal`, rule("accept", { dstAddressList: PORTAL_ADDRESS_LIST })),
    filterRule(`${tag}-drop`, `Drop everything else from ${who}`, `${note}: nothing else`, rule("drop")),
  ];
}

/**
 * API mode: a static customer is let through by its entry in the allowed address-list, which the
 * reconciler disables while it is unpaid. From the static customers' interface, whatever is not in
 * the list reaches DNS and the portal only.
 */
function staticCustomerRules(statics: RouterSetupContext["staticCustomers"]): PlannedItem[] {
  if (!statics) return [];
  return portalOnlyRules("fw-static", `${statics.interface} not in ${statics.allowedList}`, "static unpaid", {
    inInterface: statics.interface,
    srcAddressList: `!${statics.allowedList}`,
  });
}

export function planRouterSetup(ctx: RouterSetupContext): RouterSetupPlan {
  const { router, radiusServer, portalHost, settings } = ctx;
  const interim = settings.interimIntervalSeconds;
  const suspended = settings.captiveAddressList;
  const portalIsAddress = isIP(portalHost) !== 0;

  const hotspotFields: FieldValues = {
    useRadius: true,
    radiusAccounting: true,
    radiusInterimUpdate: formatRouterOsDuration(interim),
    loginBy: HOTSPOT_LOGIN_BY,
    macAuthMode: "mac-as-username-and-password",
    radiusMacFormat: MAC_FORMAT,
  };

  const pppoe: PlannedEntry[] = [];
  if (ctx.options?.pppoeInterface) {
    pppoe.push({
      kind: "item",
      menu: "pppoeServers",
      tagId: "pppoe",
      label: `PPPoE server on ${ctx.options.pppoeInterface}`,
      note: "PPPoE for customers",
      key: { interface: ctx.options.pppoeInterface },
      fields: { interface: ctx.options.pppoeInterface, oneSessionPerHost: true },
      createFields: { serviceName: SETUP_PPPOE_SERVICE, defaultProfile: "default", disabled: false },
    });
  }
  pppoe.push({
    kind: "each",
    menu: "pppoeServers",
    label: "PPPoE server",
    select: "all",
    fields: { oneSessionPerHost: true },
    ...(ctx.options?.pppoeInterface ? {} : { whenNone: "The router has no PPPoE server. Choose an interface to add one." }),
  });

  const steps: PlannedStep[] = [
    {
      id: "radius",
      title: SETUP_STEP_TITLES.radius,
      entries: [
        {
          kind: "item",
          menu: "radius",
          tagId: "radius",
          label: `RADIUS server ${radiusServer.address}`,
          note: "FreeRADIUS for PPP and hotspot",
          key: { address: radiusServer.address, service: { anyOf: ["ppp", "hotspot"] } },
          fields: {
            service: "ppp,hotspot",
            address: radiusServer.address,
            secret: router.radiusSecret,
            authenticationPort: radiusServer.authPort,
            accountingPort: radiusServer.acctPort,
            timeout: RADIUS_TIMEOUT_SECONDS,
            disabled: false,
          },
          // Only on a new entry: behind NAT the NAS IP is not the router's own, and an operator's fix must stick.
          createFields: { srcAddress: router.nasIp },
          listFields: ["service"],
        },
      ],
    },
    {
      id: "radius-incoming",
      title: SETUP_STEP_TITLES["radius-incoming"],
      entries: [{ kind: "settings", menu: "radiusIncoming", label: "RADIUS incoming", fields: { accept: true, port: router.coaPort } }],
    },
    {
      id: "ppp-aaa",
      title: SETUP_STEP_TITLES["ppp-aaa"],
      entries: [{ kind: "settings", menu: "pppAaa", label: "PPP AAA", fields: { useRadius: true, accounting: true, interimUpdate: interim } }],
    },
    { id: "pppoe", title: SETUP_STEP_TITLES.pppoe, entries: pppoe },
    {
      id: "hotspot",
      title: SETUP_STEP_TITLES.hotspot,
      entries: [
        {
          kind: "item",
          menu: "hotspotProfiles",
          tagId: null,
          label: `Hotspot profile ${SETUP_HOTSPOT_PROFILE}`,
          key: { name: SETUP_HOTSPOT_PROFILE },
          fields: { name: SETUP_HOTSPOT_PROFILE, ...hotspotFields },
          listFields: ["loginBy"],
        },
        {
          kind: "each",
          menu: "hotspotProfiles",
          label: "Hotspot profile in use",
          select: "used-by-hotspot-servers",
          fields: hotspotFields,
          listFields: ["loginBy"],
          whenNone: `The router has no hotspot server yet; give a new one the ${SETUP_HOTSPOT_PROFILE} profile.`,
        },
      ],
    },
    {
      id: "walled-garden",
      title: SETUP_STEP_TITLES["walled-garden"],
      entries: [
        {
          kind: "item",
          menu: "walledGardenIp",
          tagId: "portal",
          label: `Portal ${portalHost}`,
          note: "payment portal",
          key: portalIsAddress ? { dstAddress: portalHost, action: "accept" } : { dstHost: portalHost, action: "accept" },
          fields: { action: "accept", ...(portalIsAddress ? { dstAddress: portalHost } : { dstHost: portalHost }), disabled: false },
        },
      ],
    },
    {
      id: "firewall",
      title: SETUP_STEP_TITLES.firewall,
      entries: [
        {
          kind: "item",
          menu: "addressLists",
          tagId: "portal-list",
          label: `Portal address ${portalHost}`,
          note: "payment portal",
          key: { list: PORTAL_ADDRESS_LIST, address: portalHost },
          fields: { list: PORTAL_ADDRESS_LIST, address: portalHost, disabled: false },
        },
        ...portalOnlyRules("fw", suspended, "suspended", { srcAddressList: suspended }),
        ...staticCustomerRules(ctx.staticCustomers),
      ],
    },
  ];
  return { steps, warnings: ctx.warnings ?? [] };
}
