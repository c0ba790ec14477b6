// Typed access to one menu, built from its field map over the raw API. Writes act on an item's
// .id only; anything chosen by a condition is looked up first, so no command ever goes out
// without a target (RouterOS would apply a target-less remove/set to nothing, or everything).
import { assertWritableAscii } from "./ascii";
import { RouterOsValueError } from "./errors";
import { decodeRow, encodeFields, missingRequired, type FieldMap, type InputOf, type PatchOf, type RowOf } from "./fields";
import type { RawApi } from "./raw-api";
import type { ItemOutcome } from "./types";

export interface MenuDefinition<M extends FieldMap> {
  readonly path: string;
  readonly fields: M;
}

export function defineMenu<M extends FieldMap>(path: string, fields: M): MenuDefinition<M> {
  return { path, fields };
}

/** Equality on our fields (text fields are queried on the router, others compared here), or a predicate. */
export type Match<M extends FieldMap> = Partial<RowOf<M>> | ((row: RowOf<M>) => boolean);

export interface UpsertResult {
  action: "created" | "updated" | "unchanged";
  id: string;
  /** Other items that matched the key: the caller decides whether they go. */
  duplicates: string[];
}

export interface ReadMenu<M extends FieldMap> {
  readonly path: string;
  list(): Promise<RowOf<M>[]>;
  get(id: string): Promise<RowOf<M> | undefined>;
  find(match: Match<M>): Promise<RowOf<M>[]>;
}

export interface TableMenu<M extends FieldMap> extends ReadMenu<M> {
  add(item: InputOf<M>): Promise<string>;
  update(id: string, patch: PatchOf<M>): Promise<ItemOutcome>;
  remove(id: string): Promise<ItemOutcome>;
  /** Looks matching items up, then removes them by .id; returns how many went. */
  removeWhere(match: Match<M>): Promise<number>;
  /** Finds the item by its key field(s); adds it, changes only the fields that differ, or leaves it. */
  upsertBy<K extends keyof InputOf<M> & keyof RowOf<M> & string>(key: K | K[], item: InputOf<M>): Promise<UpsertResult>;
}

/** Menus whose items the router creates (sessions, hosts): read, and remove (disconnect). */
export interface SessionMenu<M extends FieldMap> extends ReadMenu<M> {
  remove(id: string): Promise<ItemOutcome>;
}

/** Menus whose items exist already (interfaces): read and change. */
export interface FixedMenu<M extends FieldMap> extends ReadMenu<M> {
  update(id: string, patch: PatchOf<M>): Promise<ItemOutcome>;
}

export interface SettingsMenu<M extends FieldMap> {
  readonly path: string;
  get(): Promise<Omit<RowOf<M>, "id">>;
  set(patch: PatchOf<M>): Promise<void>;
}

export function readMenu<M extends FieldMap>(raw: RawApi, def: MenuDefinition<M>, printArgs?: Record<string, string>): ReadMenu<M> {
  const decode = (r: Record<string, string>) => decodeRow(def.fields, r);
  const list = async () => (await raw.print(def.path, { args: printArgs })).map(decode);
  return {
    path: def.path,
    list,
    async get(id) {
      const rows = await raw.print(def.path, { args: printArgs, where: { ".id": id } });
      return rows[0] ? decode(rows[0]) : undefined;
    },
    async find(match) {
      if (typeof match === "function") return (await list()).filter(match);
      const { where, local } = splitMatch(def, match as Record<string, unknown>);
      const rows = (await raw.print(def.path, { args: printArgs, where })).map(decode);
      return rows.filter((row) => local.every(([name, value]) => sameValue((row as Record<string, unknown>)[name], value)));
    },
  };
}

export function tableMenu<M extends FieldMap>(raw: RawApi, def: MenuDefinition<M>): TableMenu<M> {
  const read = readMenu(raw, def);
  const menu: TableMenu<M> = {
    ...read,
    async add(item) {
      const missing = missingRequired(def.fields, item as Record<string, unknown>);
      if (missing.length) throw new RouterOsValueError(def.path, `missing ${missing.join(", ")}`);
      return raw.add(def.path, encodeFields(def.path, def.fields, item as Record<string, unknown>));
    },
    async update(id, patch) {
      return raw.set(def.path, id, encodeFields(def.path, def.fields, patch as Record<string, unknown>));
    },
    async remove(id) {
      return raw.remove(def.path, id);
    },
    async removeWhere(match) {
      const ids = (await read.find(match)).map((row) => row.id);
      if (ids.length === 0) return 0;
      return (await raw.removeMany(def.path, ids)).removed.length;
    },
    async upsertBy(key, item) {
      const keys = Array.isArray(key) ? key : [key];
      const values = item as Record<string, unknown>;
      const match: Record<string, unknown> = {};
      for (const k of keys) {
        if (values[k] === undefined) throw new RouterOsValueError(`${def.path} ${k}`, "upsert key has no value");
        match[k] = values[k];
      }
      const [current, ...others] = await read.find(match as Partial<RowOf<M>>);
      const duplicates = others.map((row) => row.id);
      if (!current) return { action: "created", id: await menu.add(item), duplicates };
      const patch = changedFields(def, current as Record<string, unknown>, values);
      if (Object.keys(patch).length === 0) return { action: "unchanged", id: current.id, duplicates };
      // Removed between our lookup and the write: add it afresh.
      if ((await menu.update(current.id, patch as PatchOf<M>)) === "not-found") {
        return { action: "created", id: await menu.add(item), duplicates };
      }
      return { action: "updated", id: current.id, duplicates };
    },
  };
  return menu;
}

export function sessionMenu<M extends FieldMap>(raw: RawApi, def: MenuDefinition<M>): SessionMenu<M> {
  return { ...readMenu(raw, def), remove: (id) => raw.remove(def.path, id) };
}

export function fixedMenu<M extends FieldMap>(raw: RawApi, def: MenuDefinition<M>, printArgs?: Record<string, string>): FixedMenu<M> {
  return {
    ...readMenu(raw, def, printArgs),
    update: (id, patch) => raw.set(def.path, id, encodeFields(def.path, def.fields, patch as Record<string, unknown>)),
  };
}

export function settingsMenu<M extends FieldMap>(raw: RawApi, def: MenuDefinition<M>): SettingsMenu<M> {
  return {
    path: def.path,
    async get() {
      const rows = await raw.print(def.path);
      const { id: _id, ...row } = decodeRow(def.fields, rows[0] ?? {}) as Record<string, unknown>;
      return row as Omit<RowOf<M>, "id">;
    },
    async set(patch) {
      const fields = encodeFields(def.path, def.fields, patch as Record<string, unknown>);
      if (Object.keys(fields).length === 0) return;
      // Settings menus have a single, implicit item: `set` takes no .id.
      await raw.run(`${def.path}/set`, fields);
    },
  };
}

function splitMatch(def: MenuDefinition<FieldMap>, match: Record<string, unknown>) {
  const where: Record<string, string> = {};
  const local: [string, unknown][] = [];
  for (const [name, value] of Object.entries(match)) {
    if (value === undefined) continue;
    if (name === "id") {
      where[".id"] = String(value);
      continue;
    }
    const field = def.fields[name];
    if (!field || field.options.writeOnly) throw new RouterOsValueError(`${def.path} ${name}`, "cannot match on this field");
    // Text is compared on the router; booleans, numbers and durations have more than one
    // spelling on the wire ("yes"/"true", "1h"/"3600"), so those are compared after decoding.
    if (field.kind === "text" && typeof value === "string") where[field.wire] = assertWritableAscii(`${def.path} ${name}`, value);
    else local.push([name, value]);
  }
  return { where, local };
}

function changedFields(def: MenuDefinition<FieldMap>, current: Record<string, unknown>, wanted: Record<string, unknown>) {
  const patch: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(wanted)) {
    const field = def.fields[name];
    if (value === undefined || !field || field.options.writeOnly || field.options.readOnly) continue;
    const now = current[name];
    if (field.kind === "text" && value === "" && now === undefined) continue; // RouterOS omits empty properties
    if (!sameValue(now, value)) patch[name] = value;
  }
  return patch;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a && b && typeof a === "object" && typeof b === "object") {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    return [...keys].every((k) => x[k] === y[k]);
  }
  return a === b;
}
