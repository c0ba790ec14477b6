// The reconciler's decision, pure: desired items vs our items on the router vs what we last
// wrote. Per field:
//   router == ours                      -> in sync (remembered as written)
//   never written, or ours changed      -> write ours (a change made in our database)
//   ours unchanged, router changed      -> drift: shown, not overwritten
// Items of ours the router lacks are added (again); ours it holds but should not are removed;
// duplicates of one of ours are removed. Untagged items never reach this function.
import { canonicalJson } from "./canonical-json";
import { displayValue, fingerprint, MANAGED_MENUS, normalizeValue, type MenuName } from "./managed-menus";
import type { RouterItem, RouterSnapshot } from "./read-router";
import type { DesiredItem, DriftEntry, Override, SyncRecord } from "./provisioning.types";

export type PlanOp =
  | { op: "add"; key: string; menu: MenuName; fields: Record<string, string> }
  | { op: "set"; key: string; menu: MenuName; id: string; set: Record<string, string>; unset: string[]; addIfMissing: Record<string, string> }
  | { op: "remove"; key: string; menu: MenuName; id: string; label: string; stale: boolean };

/** What to remember for a desired item once its op (if any) succeeded. */
export interface ItemResult {
  item: DesiredItem;
  routerItemId: string | null;
  written: Record<string, string>;
  overrides: Record<string, Override> | null;
  drift: DriftEntry[];
  /** The remembered state changed (write it back even without a router write). */
  dirty: boolean;
}

export interface RouterPlan {
  ops: PlanOp[];
  items: Map<string, ItemResult>;
  /** Records of items that are gone or should be (deleted once their removal succeeded). */
  forget: string[];
}

/** The value we write for a field (what the database says, or an accepted router value). */
function writable(item: DesiredItem, field: string, override: Override | undefined): string {
  const kind = MANAGED_MENUS[item.menu].fields[field]!;
  if (override && kind !== "secret") return override.value;
  return item.fields[field] ?? "";
}

function addFields(item: DesiredItem, overrides: Record<string, Override> | null, comment: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of Object.keys(MANAGED_MENUS[item.menu].fields)) {
    const value = writable(item, field, overrides?.[field]);
    if (value !== "") out[field] = value;
  }
  if (MANAGED_MENUS[item.menu].tagged) out.comment = comment;
  return out;
}

function labelOf(row: RouterItem): string {
  const spec = MANAGED_MENUS[row.menu];
  return row.fields[spec.labelField] ?? row.id;
}

function sameFlat(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function diffRouter(desired: readonly DesiredItem[], snapshot: RouterSnapshot, records: ReadonlyMap<string, SyncRecord>, commentOf: (item: DesiredItem) => string): RouterPlan {
  const plan: RouterPlan = { ops: [], items: new Map(), forget: [] };
  const wanted = new Set<string>();

  for (const item of desired) {
    wanted.add(item.key);
    const spec = MANAGED_MENUS[item.menu];
    const record = records.get(item.key);
    const found = snapshot.byKey.get(item.key) ?? [];
    const row = found.find((r) => r.id === record?.routerItemId) ?? found[0];
    for (const dup of found) if (dup !== row) plan.ops.push({ op: "remove", key: item.key, menu: item.menu, id: dup.id, label: labelOf(dup), stale: false });

    // Accepted router values hold while our own value stays what it was when accepted.
    let overrides: Record<string, Override> | null = record?.overrides ? { ...record.overrides } : null;
    const ours: Record<string, string> = {};
    const shown: Record<string, string> = {};
    for (const [field, kind] of Object.entries(spec.fields)) {
      const normalized = normalizeValue(kind, item.fields[field]);
      const fp = fingerprint(kind, normalized);
      const override = overrides?.[field];
      if (override && override.ours !== fp) delete overrides![field];
      ours[field] = overrides?.[field]?.value ?? fp;
      shown[field] = overrides?.[field] ? displayValue(kind, override!.value) : displayValue(kind, normalized);
    }
    if (overrides && Object.keys(overrides).length === 0) overrides = null;
    const overridesChanged = (overrides !== null || Boolean(record?.overrides)) && !sameJson(overrides, record?.overrides ?? null);

    if (!row) {
      const fields = addFields(item, overrides, commentOf(item));
      plan.ops.push({ op: "add", key: item.key, menu: item.menu, fields });
      plan.items.set(item.key, { item, routerItemId: null, written: ours, overrides, drift: [], dirty: true });
      continue;
    }

    const written: Record<string, string> = {};
    const set: Record<string, string> = {};
    const unset: string[] = [];
    const drift: DriftEntry[] = [];
    for (const [field, kind] of Object.entries(spec.fields)) {
      const raw = row.fields[field];
      const last = record?.written[field];
      if (kind === "secret" && raw === undefined) {
        // The router does not show it (an API user without the "sensitive" policy): write only what changed here.
        if (last !== ours[field]) set[field] = writable(item, field, overrides?.[field]);
        written[field] = ours[field]!;
        continue;
      }
      const theirs = fingerprint(kind, normalizeValue(kind, raw));
      if (theirs === ours[field]) {
        written[field] = ours[field]!;
        continue;
      }
      if (last === undefined || last !== ours[field]) {
        const value = writable(item, field, overrides?.[field]);
        if (value === "") unset.push(field);
        else set[field] = value;
        written[field] = ours[field]!;
        continue;
      }
      drift.push({ key: item.key, menu: item.menu, item: item.label, field, ours: shown[field]!, router: displayValue(kind, normalizeValue(kind, raw)), theirs });
      written[field] = last;
    }
    if (Object.keys(set).length || unset.length) {
      plan.ops.push({ op: "set", key: item.key, menu: item.menu, id: row.id, set, unset, addIfMissing: addFields(item, overrides, commentOf(item)) });
    }
    const dirty =
      overridesChanged ||
      record === undefined ||
      record.routerItemId !== row.id ||
      record.label !== item.label ||
      record.customerId !== item.customerId ||
      ((record.drift?.length ?? 0) + drift.length > 0 && !sameJson(record.drift?.length ? record.drift : null, drift.length ? drift : null)) ||
      !sameFlat(record.written, written);
    plan.items.set(item.key, { item, routerItemId: row.id, written, overrides, drift, dirty });
  }

  for (const [key, rows] of snapshot.byKey) {
    if (wanted.has(key)) continue;
    for (const row of rows) plan.ops.push({ op: "remove", key, menu: row.menu, id: row.id, label: labelOf(row), stale: true });
  }
  for (const key of records.keys()) if (!wanted.has(key)) plan.forget.push(key);
  return plan;
}
