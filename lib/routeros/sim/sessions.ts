// Simulated PPP and hotspot sessions and the traffic they make. Everything is a function of the
// simulated clock (RouterState.uptimeSeconds), so tick() gives the same numbers every run.
import { createHash } from "node:crypto";
import type { RouterState } from "./router-state";
import { formatDuration, parseDuration } from "./schema";
import type { Row, Table } from "./table";
import type { SimSessions } from "./types";

interface Session {
  kind: "ppp" | "hotspot";
  activeId: string;
  name: string;
  address: string;
  interfaceId?: string;
  /** Unthrottled download/upload in bits per second, from the name. */
  baseDown: number;
  baseUp: number;
  phase: number;
  connectedAt: number;
  mac?: string;
}

export interface InterfaceRates {
  rxBps: number;
  txBps: number;
  rxPps: number;
  txPps: number;
}

const AVG_PACKET = 1100;

function hashOf(text: string): number {
  return createHash("md5").update(text).digest().readUInt32BE(0);
}

function splitPair(v: string | undefined): [number, number] {
  const [a, b] = (v ?? "0/0").split("/");
  return [Number(a) || 0, Number(b ?? a) || 0];
}

function addPair(v: string | undefined, up: number, down: number): string {
  const [a, b] = splitPair(v);
  return `${a + up}/${b + down}`;
}

function addNum(row: Row | undefined, field: string, n: number): string {
  return String((Number(row?.[field]) || 0) + Math.round(n));
}

export class SessionSim implements SimSessions {
  /** By "ppp:<.id>" / "hotspot:<.id>" (the two active menus number their rows separately). */
  private sessions = new Map<string, Session>();
  private rates = new Map<string, InterfaceRates>();
  private seq = 0;
  private ratesDirty = false;
  private queuesWithRate = new Set<string>();
  private ppp: Table;
  private hotspot: Table;
  private hosts: Table;
  private interfaces: Table;
  private queues: Table;

  constructor(private state: RouterState) {
    this.ppp = state.require("/ppp/active");
    this.hotspot = state.require("/ip/hotspot/active");
    this.hosts = state.require("/ip/hotspot/host");
    this.interfaces = state.require("/interface");
    this.queues = state.require("/queue/simple");
    // Removing an active row (over the API or here) is a disconnect.
    this.ppp.subscribe((c) => c.type === "remove" && this.onDisconnect(`ppp:${c.id}`));
    this.hotspot.subscribe((c) => c.type === "remove" && this.onDisconnect(`hotspot:${c.id}`));
  }

  pppConnect(s: { name: string; address?: string; callerId?: string; service?: string }): string {
    const n = ++this.seq;
    const address = s.address ?? `10.255.${(n >> 8) & 255}.${n & 255}`;
    const ifName = `<${s.service ?? "pppoe"}-${s.name}>`;
    const interfaceId = this.interfaces.add(
      { name: ifName, type: `${s.service ?? "pppoe"}-in`, mtu: "1480", "actual-mtu": "1480", running: "true", dynamic: "true" },
      { allowReadOnly: true },
    );
    const activeId = this.ppp.add(
      {
        name: s.name,
        service: s.service ?? "pppoe",
        "caller-id": s.callerId ?? this.mac(n),
        address,
        encoding: "",
        uptime: "0s",
        "session-id": `0x81${(0x500000 + n).toString(16).toUpperCase()}`,
        radius: "false",
      },
      { allowReadOnly: true },
    );
    this.track({ kind: "ppp", activeId, name: s.name, address, interfaceId });
    return activeId;
  }

  hotspotLogin(s: { user: string; address?: string; macAddress?: string }): string {
    const n = ++this.seq;
    const address = s.address ?? `10.5.${(n >> 8) & 255}.${n & 255}`;
    const mac = s.macAddress ?? this.mac(n);
    const server = this.state.require("/ip/hotspot").values().next().value?.name ?? "hotspot1";
    const activeId = this.hotspot.add(
      { server, user: s.user, address, "mac-address": mac, "login-by": "http-chap", uptime: "0s", "idle-time": "0s", radius: "false" },
      { allowReadOnly: true },
    );
    const host = this.findHost(mac);
    const hostFields = { "mac-address": mac, address, "to-address": address, server, authorized: "true", "found-by": "", "bridge-port": "ether2" };
    if (host) this.hosts.update(host[".id"]!, hostFields, { allowReadOnly: true });
    else this.hosts.add(hostFields, { allowReadOnly: true });
    this.track({ kind: "hotspot", activeId, name: s.user, address, mac });
    return activeId;
  }

  clear(): void {
    for (const s of [...this.sessions.values()]) (s.kind === "ppp" ? this.ppp : this.hotspot).remove(s.activeId);
  }

  /** Current rates per interface name, for monitor-traffic. */
  interfaceRates(name: string): InterfaceRates {
    if (this.ratesDirty) this.step(0);
    return this.rates.get(name) ?? { rxBps: 0, txBps: 0, rxPps: 0, txPps: 0 };
  }

  /** Advances the clock and every counter by `seconds`. */
  tick(seconds: number): void {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) throw new Error(`tick(${seconds}): seconds must be a finite number >= 0`);
    this.state.uptimeSeconds += seconds;
    this.step(seconds);
  }

  /** Applies `seconds` of traffic at the current rates (0 = only recompute the rates). */
  private step(seconds: number): void {
    const queueByTarget = this.queueTargets();
    const usedQueues = new Set<string>();
    const totals = { pppDown: 0, pppUp: 0, hsDown: 0, hsUp: 0 };
    this.rates.clear();
    for (const s of this.sessions.values()) {
      const queueId = queueByTarget.get(s.address) ?? (s.kind === "ppp" ? queueByTarget.get(`<pppoe-${s.name}>`) : undefined);
      const queue = queueId === undefined ? undefined : this.queues.get(queueId);
      const [up, down] = this.currentRate(s, queue);
      const upBytes = (up * seconds) / 8;
      const downBytes = (down * seconds) / 8;
      if (queue && !usedQueues.has(queue[".id"]!)) {
        usedQueues.add(queue[".id"]!);
        this.queues.patch(queue[".id"]!, {
          bytes: addPair(queue.bytes, Math.round(upBytes), Math.round(downBytes)),
          packets: addPair(queue.packets, Math.round(upBytes / AVG_PACKET), Math.round(downBytes / AVG_PACKET)),
          rate: `${Math.round(up)}/${Math.round(down)}`,
          "packet-rate": `${Math.round(up / 8 / AVG_PACKET)}/${Math.round(down / 8 / AVG_PACKET)}`,
        });
      }
      if (s.kind === "ppp") {
        totals.pppUp += up;
        totals.pppDown += down;
        const iface = s.interfaceId === undefined ? undefined : this.interfaces.get(s.interfaceId);
        if (iface) this.rates.set(iface.name!, ratesOf(up, down));
        if (!seconds) continue;
        this.ppp.patch(s.activeId, { uptime: formatDuration(this.state.uptimeSeconds - s.connectedAt) });
        if (iface) this.countInterface(iface, upBytes, downBytes);
      } else {
        totals.hsUp += up;
        totals.hsDown += down;
        if (!seconds) continue;
        const row = this.hotspot.get(s.activeId);
        this.hotspot.patch(s.activeId, {
          uptime: formatDuration(this.state.uptimeSeconds - s.connectedAt),
          "bytes-in": addNum(row, "bytes-in", upBytes),
          "bytes-out": addNum(row, "bytes-out", downBytes),
          "packets-in": addNum(row, "packets-in", upBytes / AVG_PACKET),
          "packets-out": addNum(row, "packets-out", downBytes / AVG_PACKET),
        });
        const users = this.state.require("/ip/hotspot/user");
        const user = users.byKey(s.name);
        if (user) {
          users.patch(user[".id"]!, {
            "bytes-in": addNum(user, "bytes-in", upBytes),
            "bytes-out": addNum(user, "bytes-out", downBytes),
            "packets-in": addNum(user, "packets-in", upBytes / AVG_PACKET),
            "packets-out": addNum(user, "packets-out", downBytes / AVG_PACKET),
            uptime: formatDuration(parseDuration(user.uptime ?? "0s") + seconds),
          });
        }
      }
    }
    // A queue whose customer left stops showing a rate.
    for (const id of this.queuesWithRate) {
      if (!usedQueues.has(id)) this.queues.patch(id, { rate: "0/0", "packet-rate": "0/0" });
    }
    this.queuesWithRate = usedQueues;
    // The router's view: ether1 (WAN) receives the downloads and sends the uploads; ether2 faces
    // the PPPoE customers and bridge the hotspot ones, so there rx is the customers' upload.
    this.countNamed("ether1", totals.pppDown + totals.hsDown, totals.pppUp + totals.hsUp, seconds);
    this.countNamed("ether2", totals.pppUp, totals.pppDown, seconds);
    this.countNamed("bridge", totals.hsUp, totals.hsDown, seconds);
    this.state.cpuLoad = Math.min(95, 1 + (totals.pppDown + totals.hsDown + totals.pppUp + totals.hsUp) / 2e7);
    this.ratesDirty = false;
  }

  /** Session address (or <pppoe-name> interface) -> queue .id, built once per step. */
  private queueTargets(): Map<string, string> {
    const map = new Map<string, string>();
    if (!this.sessions.size) return map;
    for (const q of this.queues.values()) {
      if (q.disabled === "true") continue;
      for (const t of (q.target ?? "").split(",")) {
        const key = t.endsWith("/32") ? t.slice(0, -3) : t;
        if (!map.has(key)) map.set(key, q[".id"]!);
      }
    }
    return map;
  }

  /** [upload, download] in bits per second now, capped by the session's queue. */
  private currentRate(s: Session, queue: Row | undefined): [number, number] {
    const wave = 0.55 + 0.45 * Math.abs(Math.sin(this.state.uptimeSeconds / 37 + s.phase));
    let up = s.baseUp * wave;
    let down = s.baseDown * wave;
    if (queue) {
      const [maxUp, maxDown] = splitPair(queue["max-limit"]);
      if (maxUp > 0) up = Math.min(up, maxUp * 0.97);
      if (maxDown > 0) down = Math.min(down, maxDown * 0.97);
    }
    return [up, down];
  }

  private countInterface(iface: Row, rxBytes: number, txBytes: number): void {
    this.interfaces.patch(iface[".id"]!, {
      "rx-byte": addNum(iface, "rx-byte", rxBytes),
      "tx-byte": addNum(iface, "tx-byte", txBytes),
      "rx-packet": addNum(iface, "rx-packet", rxBytes / AVG_PACKET),
      "tx-packet": addNum(iface, "tx-packet", txBytes / AVG_PACKET),
    });
  }

  private countNamed(name: string, rxBps: number, txBps: number, seconds: number): void {
    const iface = this.interfaces.byKey(name);
    if (!iface) return;
    if (seconds) this.countInterface(iface, (rxBps * seconds) / 8, (txBps * seconds) / 8);
    this.rates.set(name, ratesOf(rxBps, txBps));
  }

  private track(s: Pick<Session, "kind" | "activeId" | "name" | "address" | "interfaceId" | "mac">): void {
    const h = hashOf(s.name);
    const baseDown = 2e6 + (h % 48) * 1e6;
    this.sessions.set(`${s.kind}:${s.activeId}`, { ...s, baseDown, baseUp: baseDown / 5, phase: (h % 628) / 100, connectedAt: this.state.uptimeSeconds });
    this.ratesDirty = true;
  }

  private onDisconnect(key: string): void {
    const s = this.sessions.get(key);
    if (!s) return;
    this.sessions.delete(key);
    this.ratesDirty = true;
    if (s.interfaceId && this.interfaces.get(s.interfaceId)) this.interfaces.remove(s.interfaceId);
    if (s.kind === "hotspot" && s.mac) {
      const host = this.findHost(s.mac);
      if (host) this.hosts.update(host[".id"]!, { authorized: "false" }, { allowReadOnly: true });
    }
  }

  private findHost(mac: string): Row | undefined {
    for (const h of this.hosts.values()) if (h["mac-address"] === mac) return h;
    return undefined;
  }

  private mac(n: number): string {
    return `02:00:5E:${((n >> 16) & 255).toString(16).padStart(2, "0")}:${((n >> 8) & 255).toString(16).padStart(2, "0")}:${(n & 255).toString(16).padStart(2, "0")}`.toUpperCase();
  }
}

function ratesOf(rxBps: number, txBps: number): InterfaceRates {
  return { rxBps: Math.round(rxBps), txBps: Math.round(txBps), rxPps: Math.round(rxBps / 8 / AVG_PACKET), txPps: Math.round(txBps / 8 / AVG_PACKET) };
}
