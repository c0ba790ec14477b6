// Everything the product can do on one router: raw commands plus typed menus.
import { decodeRow } from "./fields";
import { fixedMenu, sessionMenu, settingsMenu, tableMenu, type FixedMenu, type SessionMenu, type SettingsMenu, type TableMenu } from "./menu";
import { HOTSPOT_ACTIVE, HOTSPOT_HOST, HOTSPOT_PROFILE, HOTSPOT_SERVER, HOTSPOT_USER, HOTSPOT_USER_PROFILE, WALLED_GARDEN, WALLED_GARDEN_IP } from "./menus-hotspot";
import { ADDRESS_LIST, ARP, DHCP_LEASE, FIREWALL_FILTER, FIREWALL_NAT, IP_POOL, RADIUS, RADIUS_INCOMING, SIMPLE_QUEUE } from "./menus-ip";
import { PPP_AAA, PPP_ACTIVE, PPP_PROFILE, PPP_SECRET, PPPOE_SERVER } from "./menus-ppp";
import { IDENTITY, INTERFACE, RESOURCE, TRAFFIC, type RouterHealth, type TrafficSample } from "./menus-system";
import { checkId, createRawApi, type RawApi, type RouterStream, type RouterTransport } from "./raw-api";
import type { ItemOutcome } from "./types";

type Fields<D> = D extends { fields: infer M } ? M : never;

export interface RouterApi extends RawApi {
  readonly routerId: string;

  pppSecrets: TableMenu<Fields<typeof PPP_SECRET>>;
  pppProfiles: TableMenu<Fields<typeof PPP_PROFILE>>;
  pppActive: SessionMenu<Fields<typeof PPP_ACTIVE>> & { disconnect(id: string): Promise<ItemOutcome> };
  pppAaa: SettingsMenu<Fields<typeof PPP_AAA>>;
  pppoeServers: TableMenu<Fields<typeof PPPOE_SERVER>>;

  hotspotServers: TableMenu<Fields<typeof HOTSPOT_SERVER>>;
  hotspotProfiles: TableMenu<Fields<typeof HOTSPOT_PROFILE>>;
  hotspotUsers: TableMenu<Fields<typeof HOTSPOT_USER>>;
  hotspotUserProfiles: TableMenu<Fields<typeof HOTSPOT_USER_PROFILE>>;
  hotspotActive: SessionMenu<Fields<typeof HOTSPOT_ACTIVE>> & { logout(id: string): Promise<ItemOutcome> };
  hotspotHosts: SessionMenu<Fields<typeof HOTSPOT_HOST>>;
  walledGarden: TableMenu<Fields<typeof WALLED_GARDEN>>;
  walledGardenIp: TableMenu<Fields<typeof WALLED_GARDEN_IP>>;

  radius: TableMenu<Fields<typeof RADIUS>>;
  radiusIncoming: SettingsMenu<Fields<typeof RADIUS_INCOMING>>;

  queues: TableMenu<Fields<typeof SIMPLE_QUEUE>>;
  addressLists: TableMenu<Fields<typeof ADDRESS_LIST>>;
  firewallFilter: TableMenu<Fields<typeof FIREWALL_FILTER>>;
  firewallNat: TableMenu<Fields<typeof FIREWALL_NAT>>;
  arp: TableMenu<Fields<typeof ARP>>;
  dhcpLeases: TableMenu<Fields<typeof DHCP_LEASE>> & { makeStatic(id: string): Promise<ItemOutcome> };
  ipPools: TableMenu<Fields<typeof IP_POOL>>;

  /** Listed with their counters (`print stats`). */
  interfaces: FixedMenu<Fields<typeof INTERFACE>>;
  identity: { get(): Promise<string>; set(name: string): Promise<void> };
  resource: Pick<SettingsMenu<Fields<typeof RESOURCE>>, "path" | "get">;

  /** One sample of an interface's traffic (`monitor-traffic once`). */
  monitorTraffic(iface: string): Promise<TrafficSample>;
  /** A sample about every second until stop(). */
  watchTraffic(iface: string, onSample: (sample: TrafficSample) => void): RouterStream;
  health(): Promise<RouterHealth>;
}

export function createRouterApi(transport: RouterTransport): RouterApi {
  const raw = createRawApi(transport);
  const identity = settingsMenu(raw, IDENTITY);
  const resource = settingsMenu(raw, RESOURCE);
  const pppActive = sessionMenu(raw, PPP_ACTIVE);
  const hotspotActive = sessionMenu(raw, HOTSPOT_ACTIVE);
  const dhcpLeases = tableMenu(raw, DHCP_LEASE);
  const toSample = (row: Record<string, string>): TrafficSample => {
    const { id: _id, ...sample } = decodeRow(TRAFFIC.fields, row);
    return sample;
  };

  return {
    ...raw,
    routerId: transport.routerId,

    pppSecrets: tableMenu(raw, PPP_SECRET),
    pppProfiles: tableMenu(raw, PPP_PROFILE),
    pppActive: { ...pppActive, disconnect: pppActive.remove },
    pppAaa: settingsMenu(raw, PPP_AAA),
    pppoeServers: tableMenu(raw, PPPOE_SERVER),

    hotspotServers: tableMenu(raw, HOTSPOT_SERVER),
    hotspotProfiles: tableMenu(raw, HOTSPOT_PROFILE),
    hotspotUsers: tableMenu(raw, HOTSPOT_USER),
    hotspotUserProfiles: tableMenu(raw, HOTSPOT_USER_PROFILE),
    hotspotActive: { ...hotspotActive, logout: hotspotActive.remove },
    hotspotHosts: sessionMenu(raw, HOTSPOT_HOST),
    walledGarden: tableMenu(raw, WALLED_GARDEN),
    walledGardenIp: tableMenu(raw, WALLED_GARDEN_IP),

    radius: tableMenu(raw, RADIUS),
    radiusIncoming: settingsMenu(raw, RADIUS_INCOMING),

    queues: tableMenu(raw, SIMPLE_QUEUE),
    addressLists: tableMenu(raw, ADDRESS_LIST),
    firewallFilter: tableMenu(raw, FIREWALL_FILTER),
    firewallNat: tableMenu(raw, FIREWALL_NAT),
    arp: tableMenu(raw, ARP),
    dhcpLeases: {
      ...dhcpLeases,
      async makeStatic(id) {
        const [lease] = await raw.print(DHCP_LEASE.path, { where: { ".id": checkId(id) }, proplist: [".id"] });
        if (!lease) return "not-found";
        await raw.run(`${DHCP_LEASE.path}/make-static`, { ".id": id });
        return "done";
      },
    },
    ipPools: tableMenu(raw, IP_POOL),

    interfaces: fixedMenu(raw, INTERFACE, { stats: "" }),
    identity: {
      get: async () => (await identity.get()).name,
      set: (name) => identity.set({ name }),
    },
    resource: { path: resource.path, get: resource.get },

    async monitorTraffic(iface) {
      const [row] = await raw.run(TRAFFIC.path, { interface: iface, once: "" });
      return toSample(row ?? { name: iface });
    },
    watchTraffic(iface, onSample) {
      return raw.stream(TRAFFIC.path, { interface: iface }, (row) => onSample(toSample(row)));
    },
    async health() {
      const [name, res] = await Promise.all([identity.get(), resource.get()]);
      return {
        identity: name.name,
        version: res.version,
        board: res.boardName ?? "",
        uptimeSeconds: res.uptime ?? 0,
        cpuLoad: res.cpuLoad ?? 0,
        freeMemory: res.freeMemory ?? 0,
        totalMemory: res.totalMemory ?? 0,
      };
    },
  };
}
