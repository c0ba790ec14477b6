// A simulated router's configuration: every menu as a Table, plus uptime and load.
import { createHash } from "node:crypto";
import { hotspotMenus } from "./menus-hotspot";
import { ipMenus } from "./menus-ip";
import { pppMenus } from "./menus-ppp";
import { systemMenus, systemRows } from "./menus-system";
import { formatDuration } from "./schema";
import { Table, type Row } from "./table";
import type { SimMenu } from "./types";

export interface RouterStateOptions {
  identity: string;
  board: string;
  version: string;
}

export class RouterState {
  private tables = new Map<string, Table>();
  /** Seconds since "boot"; advanced only by tick(). */
  uptimeSeconds = 0;
  /** Percent, set by the traffic model. */
  cpuLoad = 1;

  constructor(opts: RouterStateOptions) {
    const env = { refExists: (path: string, value: string) => this.tables.get(path)?.byKey(value) !== undefined };
    const digest = createHash("md5").update(opts.identity).digest();
    const macPrefix = ["4C", "5E", "0C", digest[0]!, digest[1]!].map((b) => (typeof b === "number" ? b.toString(16).padStart(2, "0").toUpperCase() : b)).join(":");
    for (const spec of [...pppMenus, ...hotspotMenus, ...ipMenus(macPrefix), ...systemMenus]) {
      this.tables.set(spec.path, new Table(spec, env));
    }
    const sys = systemRows(opts.board, opts.version);
    this.require("/system/identity").patch(this.require("/system/identity").settings()[".id"]!, { name: opts.identity });
    const resource = this.require("/system/resource");
    resource.patch(resource.settings()[".id"]!, sys.resource);
    const rb = this.require("/system/routerboard");
    rb.patch(rb.settings()[".id"]!, sys.routerboard);
  }

  table(path: string): Table | undefined {
    return this.tables.get(path);
  }

  require(path: string): Table {
    const t = this.tables.get(path);
    if (!t) throw new Error(`the simulator has no menu ${path}`);
    return t;
  }

  paths(): string[] {
    return [...this.tables.keys()];
  }

  /** Brings computed rows up to date before they are read. */
  refresh(table: Table): void {
    if (table.path !== "/system/resource") return;
    table.patch(table.settings()[".id"]!, { uptime: formatDuration(this.uptimeSeconds), "cpu-load": String(Math.round(this.cpuLoad)) });
  }

  /** The test-facing view of a menu (see SimMenu). */
  menu(path: string): SimMenu {
    const table = this.require(path);
    const settings = table.spec.kind === "settings";
    const copy = (r: Row): Row => {
      const out = { ...r };
      if (settings) delete out[".id"];
      return out;
    };
    const idOf = (id: string) => (settings ? table.settings()[".id"]! : table.resolveId(id));
    return {
      rows: () => {
        this.refresh(table);
        return [...table.values()].map(copy);
      },
      add: (fields) => table.add(fields, { allowReadOnly: true }),
      get: (id) => {
        this.refresh(table);
        const real = idOf(id);
        const row = real === undefined ? undefined : table.get(real);
        return row && copy(row);
      },
      set: (id, fields) => {
        const real = idOf(id);
        if (real === undefined) throw new Error(`no such item ${id} in ${path}`);
        table.update(real, fields, { allowReadOnly: true });
      },
      remove: (id) => {
        const real = idOf(id);
        if (real === undefined) throw new Error(`no such item ${id} in ${path}`);
        table.remove(real);
      },
      find: (pred) => {
        this.refresh(table);
        const out: Row[] = [];
        for (const r of table.values()) {
          const c = copy(r);
          if (pred(c)) out.push(c);
        }
        return out;
      },
    };
  }
}
