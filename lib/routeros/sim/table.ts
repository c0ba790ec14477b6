// One simulated menu's rows: schema-checked writes, O(1) lookups by .id, by key and by each
// unique constraint, and change events for listen/follow.
import { formatId, normalizeValue, SimTrap, type FieldSpec, type MenuSpec } from "./schema";
import type { SimRow } from "./types";

export type Row = SimRow;

export interface TableChange {
  type: "add" | "set" | "remove";
  id: string;
  /** The row after the change (absent for remove). */
  row?: Row;
  /** The row before the change (absent for add). */
  before?: Row;
}

export interface TableEnv {
  /** Whether `value` names a row in the menu at `path` (by that menu's key). */
  refExists(path: string, value: string): boolean;
}

export interface WriteOptions {
  /** Allow read-only fields (the simulator seeding its own dynamic data). */
  allowReadOnly?: boolean;
}

interface UniqueIndex {
  fields: readonly string[];
  message: string;
  index: Map<string, string>;
}

const SETTINGS_ID = "*settings";

export class Table {
  readonly fieldNames: string[];
  readonly statsFields: Set<string>;
  private rows = new Map<string, Row>();
  private keyIndex = new Map<string, string>();
  private uniques: UniqueIndex[];
  private protectedIds = new Map<string, string>();
  private listeners = new Set<(change: TableChange) => void>();
  private nextId = 1;
  private autoNameCounter = 0;

  constructor(
    readonly spec: MenuSpec,
    private env: TableEnv,
  ) {
    this.fieldNames = Object.keys(spec.fields);
    this.statsFields = new Set(this.fieldNames.filter((f) => spec.fields[f]!.stats));
    this.uniques = (spec.unique ?? []).map((u) => ({ ...u, index: new Map() }));
    if (spec.kind === "settings") {
      this.insert({ ".id": SETTINGS_ID, ...this.withDefaults({}) });
      return;
    }
    for (const b of spec.builtin ?? []) {
      this.insert({ ".id": b.id, ...this.withDefaults(b.fields) });
      if (b.protectedMessage) this.protectedIds.set(b.id, b.protectedMessage);
      const n = parseInt(b.id.slice(1), 16);
      if (n < 0x100000 && n >= this.nextId) this.nextId = n + 1;
    }
  }

  get path(): string {
    return this.spec.path;
  }

  get size(): number {
    return this.rows.size;
  }

  values(): IterableIterator<Row> {
    return this.rows.values();
  }

  get(id: string): Row | undefined {
    return this.rows.get(id);
  }

  /** The settings row of a settings menu. */
  settings(): Row {
    return this.rows.get(SETTINGS_ID)!;
  }

  byKey(value: string): Row | undefined {
    const id = this.keyIndex.get(value);
    return id === undefined ? undefined : this.rows.get(id);
  }

  /** `*1A`, or for menus with a key, the key value (RouterOS accepts `=.id=ether1`). */
  resolveId(ref: string): string | undefined {
    if (this.rows.has(ref)) return ref;
    if (ref.startsWith("*")) {
      // RouterOS ignores case and leading zeros in ids.
      const n = parseInt(ref.slice(1), 16);
      const canonical = Number.isNaN(n) ? undefined : formatId(n);
      return canonical && this.rows.has(canonical) ? canonical : undefined;
    }
    return this.spec.key ? this.keyIndex.get(ref) : undefined;
  }

  /** Comma-separated ids or names; all must exist or nothing happens. */
  resolveIds(list: string): string[] {
    const ids: string[] = [];
    for (const part of list.split(",")) {
      const id = this.resolveId(part.trim());
      if (!id) throw new SimTrap("no such item");
      ids.push(id);
    }
    return ids;
  }

  subscribe(listener: (change: TableChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  add(input: Row, opts: WriteOptions & { placeBefore?: string } = {}): string {
    const row = this.withDefaults(this.clean(input, opts));
    if (this.spec.autoName && this.spec.key && !row[this.spec.key]) row[this.spec.key] = this.nextAutoName();
    for (const name of this.fieldNames) {
      if (this.spec.fields[name]!.required && !row[name]) throw new SimTrap(`missing value(s) of argument(s) ${name}`);
    }
    this.checkRefs(row, Object.keys(row));
    this.checkUnique(row, undefined);
    let before: string | undefined;
    if (opts.placeBefore !== undefined) {
      if (!this.spec.ordered) throw new SimTrap("unknown parameter");
      before = this.resolveId(opts.placeBefore);
      if (!before) throw new SimTrap("no such item");
    }
    const id = formatId(this.nextId++);
    this.insert({ ".id": id, ...row }, before);
    this.emit({ type: "add", id, row: this.rows.get(id) });
    return id;
  }

  /** Returns whether anything changed. */
  update(id: string, input: Row, opts: WriteOptions = {}): boolean {
    const before = this.rows.get(id);
    if (!before) throw new SimTrap("no such item");
    const clean = this.clean(input, opts);
    for (const [name, value] of Object.entries(clean)) {
      if (this.spec.fields[name]!.required && !value) throw new SimTrap(`missing value(s) of argument(s) ${name}`);
    }
    const changedNames = Object.keys(clean).filter((k) => before[k] !== clean[k]);
    if (!changedNames.length) return false;
    const next: Row = { ...before, ...clean };
    this.checkRefs(next, changedNames);
    this.checkUnique(next, id);
    this.replace(before, next);
    return true;
  }

  /** Returns whether anything changed. Fields with a default go back to it; others disappear. */
  unset(id: string, names: string[]): boolean {
    const before = this.rows.get(id);
    if (!before) throw new SimTrap("no such item");
    const next: Row = { ...before };
    for (const name of names) {
      const f = this.spec.fields[name];
      if (!f || f.readOnly) throw new SimTrap("unknown parameter");
      if (f.required) throw new SimTrap(`can not unset ${name}`);
      if (f.default !== undefined) next[name] = f.default;
      else delete next[name];
    }
    if (this.fieldNames.every((n) => next[n] === before[n])) return false;
    this.checkUnique(next, id);
    this.replace(before, next);
    return true;
  }

  remove(id: string): void {
    const before = this.rows.get(id);
    if (!before) throw new SimTrap("no such item");
    const protectedMessage = this.protectedIds.get(id);
    if (protectedMessage) throw new SimTrap(protectedMessage);
    this.unindex(before);
    this.rows.delete(id);
    this.emit({ type: "remove", id, before });
  }

  /** Moves `ids` before `destination` (or to the end). Returns whether the order changed. */
  move(ids: string[], destination: string | undefined): boolean {
    if (destination !== undefined && ids.includes(destination)) return false;
    const old = [...this.rows.keys()];
    const order = old.filter((id) => !ids.includes(id));
    order.splice(destination === undefined ? order.length : order.indexOf(destination), 0, ...ids);
    if (old.every((id, i) => id === order[i])) return false;
    const all = this.rows;
    this.rows = new Map(order.map((id) => [id, all.get(id)!]));
    return true;
  }

  /** The simulator's own counters: mutates in place, no checks, no events. */
  patch(id: string, fields: Row): void {
    const row = this.rows.get(id);
    if (row) Object.assign(row, fields);
  }

  private clean(input: Row, opts: WriteOptions): Row {
    const out: Row = {};
    for (const [name, value] of Object.entries(input)) {
      const f: FieldSpec | undefined = this.spec.fields[name];
      if (!f || (f.readOnly && !opts.allowReadOnly)) throw new SimTrap("unknown parameter");
      out[name] = f.readOnly ? value : normalizeValue(name, f, value);
    }
    return out;
  }

  private withDefaults(given: Row): Row {
    const row: Row = {};
    for (const name of this.fieldNames) {
      const v = given[name] ?? this.spec.fields[name]!.default;
      if (v !== undefined) row[name] = v;
    }
    return row;
  }

  private nextAutoName(): string {
    let name: string;
    do name = `${this.spec.autoName}${++this.autoNameCounter}`;
    while (this.keyIndex.has(name));
    return name;
  }

  private checkRefs(row: Row, names: string[]): void {
    for (const name of names) {
      const f = this.spec.fields[name];
      const value = row[name];
      if (!f?.ref || value === undefined) continue;
      if (value === "" && !f.required) continue;
      if (f.refExtra?.includes(value)) continue;
      if (!this.env.refExists(f.ref, value)) throw new SimTrap(`input does not match any value of ${name}`, 1);
    }
  }

  private checkUnique(row: Row, selfId: string | undefined): void {
    for (const u of this.uniques) {
      const owner = u.index.get(uniqueKey(u.fields, row));
      if (owner !== undefined && owner !== selfId) throw new SimTrap(u.message);
    }
    if (this.spec.key) {
      const owner = this.keyIndex.get(row[this.spec.key] ?? "");
      if (owner !== undefined && owner !== selfId) throw new SimTrap(this.uniques[0]?.message ?? "failure: already have such name");
    }
  }

  private insert(row: Row, before?: string): void {
    const id = row[".id"]!;
    if (before === undefined) {
      this.rows.set(id, row);
    } else {
      const next = new Map<string, Row>();
      for (const [k, v] of this.rows) {
        if (k === before) next.set(id, row);
        next.set(k, v);
      }
      this.rows = next;
    }
    this.index(row);
  }

  private replace(before: Row, next: Row): void {
    this.unindex(before);
    this.rows.set(next[".id"]!, next);
    this.index(next);
    this.emit({ type: "set", id: next[".id"]!, row: next, before });
  }

  private index(row: Row): void {
    const id = row[".id"]!;
    for (const u of this.uniques) u.index.set(uniqueKey(u.fields, row), id);
    if (this.spec.key && row[this.spec.key]) this.keyIndex.set(row[this.spec.key]!, id);
  }

  private unindex(row: Row): void {
    const id = row[".id"]!;
    for (const u of this.uniques) {
      const k = uniqueKey(u.fields, row);
      if (u.index.get(k) === id) u.index.delete(k);
    }
    if (this.spec.key && this.keyIndex.get(row[this.spec.key] ?? "") === id) this.keyIndex.delete(row[this.spec.key]!);
  }

  private emit(change: TableChange): void {
    for (const l of this.listeners) l(change);
  }
}

function uniqueKey(fields: readonly string[], row: Row): string {
  return fields.map((f) => row[f] ?? "").join("\u0000");
}
