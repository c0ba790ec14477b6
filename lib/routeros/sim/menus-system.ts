// /system menus: identity, resource and routerboard, with values derived from the options.
import type { FieldSpec, MenuSpec } from "./schema";

const ro: FieldSpec = { readOnly: true };

export const systemMenus: MenuSpec[] = [
  { path: "/system/identity", kind: "settings", fields: { name: { default: "MikroTik", required: true } } },
  {
    path: "/system/resource",
    kind: "settings",
    canSet: false,
    fields: Object.fromEntries(
      [
        "uptime",
        "version",
        "build-time",
        "factory-software",
        "free-memory",
        "total-memory",
        "cpu",
        "cpu-count",
        "cpu-frequency",
        "cpu-load",
        "free-hdd-space",
        "total-hdd-space",
        "write-sect-since-reboot",
        "write-sect-total",
        "bad-blocks",
        "architecture-name",
        "board-name",
        "platform",
      ].map((f) => [f, ro]),
    ),
  },
  {
    path: "/system/routerboard",
    kind: "settings",
    canSet: false,
    fields: Object.fromEntries(
      ["routerboard", "board-name", "model", "serial-number", "firmware-type", "factory-firmware", "current-firmware", "upgrade-firmware"].map((f) => [f, ro]),
    ),
  },
];

export interface BoardProfile {
  cpu: string;
  cpuCount: number;
  cpuFrequency: number;
  architecture: string;
  totalMemory: number;
  totalHdd: number;
  routerboard: boolean;
  firmwareType?: string;
}

export function boardProfile(board: string): BoardProfile {
  if (board === "CHR") {
    return { cpu: "QEMU", cpuCount: 1, cpuFrequency: 2400, architecture: "x86_64", totalMemory: 1073741824, totalHdd: 134217728, routerboard: false };
  }
  if (board.startsWith("RB4011")) {
    return { cpu: "ARM", cpuCount: 4, cpuFrequency: 1400, architecture: "arm", totalMemory: 1073741824, totalHdd: 536870912, routerboard: true, firmwareType: "al2" };
  }
  return { cpu: "ARM64", cpuCount: 4, cpuFrequency: 1200, architecture: "arm64", totalMemory: 1073741824, totalHdd: 134217728, routerboard: true, firmwareType: "qcom" };
}

/** Static /system/resource and /system/routerboard values; uptime and load are filled on each read. */
export function systemRows(board: string, version: string): { resource: Record<string, string>; routerboard: Record<string, string> } {
  const p = boardProfile(board);
  const resource = {
    version: `${version} (stable)`,
    "build-time": "2025-07-08 10:12:31",
    "factory-software": p.routerboard ? "6.45.9" : "7.1",
    "free-memory": String(Math.round(p.totalMemory * 0.82)),
    "total-memory": String(p.totalMemory),
    cpu: p.cpu,
    "cpu-count": String(p.cpuCount),
    "cpu-frequency": String(p.cpuFrequency),
    "cpu-load": "0",
    "free-hdd-space": String(Math.round(p.totalHdd * 0.7)),
    "total-hdd-space": String(p.totalHdd),
    "write-sect-since-reboot": "1204",
    "write-sect-total": "48211",
    "bad-blocks": "0",
    "architecture-name": p.architecture,
    "board-name": board,
    platform: "MikroTik",
  };
  const routerboard: Record<string, string> = p.routerboard
    ? {
        routerboard: "true",
        "board-name": board,
        model: board,
        "serial-number": "HE10845S7Q2",
        "firmware-type": p.firmwareType ?? "",
        "factory-firmware": "6.45.9",
        "current-firmware": version,
        "upgrade-firmware": version,
      }
    : { routerboard: "false" };
  return { resource, routerboard };
}
