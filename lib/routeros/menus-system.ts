// Interfaces, identity, resources and traffic samples.
import { duration, flag, int, text, type RowOf } from "./fields";
import { defineMenu } from "./menu";

const ro = { readOnly: true } as const;

export const INTERFACE = defineMenu("/interface", {
  name: text("name", { required: true }),
  type: text("type", ro),
  /** A number, or "auto" on some types. */
  mtu: text("mtu"),
  actualMtu: int("actual-mtu", ro),
  macAddress: text("mac-address", ro),
  comment: text("comment"),
  disabled: flag("disabled"),
  running: flag("running", ro),
  slave: flag("slave", ro),
  dynamic: flag("dynamic", ro),
  lastLinkUpTime: text("last-link-up-time", ro),
  linkDowns: int("link-downs", ro),
  rxByte: int("rx-byte", ro),
  txByte: int("tx-byte", ro),
  rxPacket: int("rx-packet", ro),
  txPacket: int("tx-packet", ro),
  rxDrop: int("rx-drop", ro),
  txDrop: int("tx-drop", ro),
  rxError: int("rx-error", ro),
  txError: int("tx-error", ro),
});
export type RouterInterface = RowOf<typeof INTERFACE.fields>;

export const IDENTITY = defineMenu("/system/identity", {
  name: text("name", { required: true }),
});

export const RESOURCE = defineMenu("/system/resource", {
  uptime: duration("uptime", ro),
  version: text("version", { required: true, readOnly: true }),
  buildTime: text("build-time", ro),
  freeMemory: int("free-memory", ro),
  totalMemory: int("total-memory", ro),
  cpu: text("cpu", ro),
  cpuCount: int("cpu-count", ro),
  cpuFrequency: int("cpu-frequency", ro),
  /** Percent. */
  cpuLoad: int("cpu-load", ro),
  freeHddSpace: int("free-hdd-space", ro),
  totalHddSpace: int("total-hdd-space", ro),
  architectureName: text("architecture-name", ro),
  boardName: text("board-name", ro),
  platform: text("platform", ro),
});
export type SystemResource = Omit<RowOf<typeof RESOURCE.fields>, "id">;

/** One `/interface/monitor-traffic` sample. rx is what the router receives on that interface. */
export const TRAFFIC = defineMenu("/interface/monitor-traffic", {
  name: text("name", { required: true, readOnly: true }),
  rxBitsPerSecond: int("rx-bits-per-second", ro),
  txBitsPerSecond: int("tx-bits-per-second", ro),
  rxPacketsPerSecond: int("rx-packets-per-second", ro),
  txPacketsPerSecond: int("tx-packets-per-second", ro),
  rxDropsPerSecond: int("rx-drops-per-second", ro),
  txDropsPerSecond: int("tx-drops-per-second", ro),
  rxErrorsPerSecond: int("rx-errors-per-second", ro),
  txErrorsPerSecond: int("tx-errors-per-second", ro),
});
export type TrafficSample = Omit<RowOf<typeof TRAFFIC.fields>, "id">;

export interface RouterHealth {
  identity: string;
  /** e.g. "7.19.4 (stable)" */
  version: string;
  board: string;
  uptimeSeconds: number;
  /** Percent. */
  cpuLoad: number;
  freeMemory: number;
  totalMemory: number;
}
